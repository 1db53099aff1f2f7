// 和暦 for a YYYY-MM-DD date, e.g. 「昭和55年4月1日」, shown beside the birth-date picker.
export function japaneseEra(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 3));
  if (Number.isNaN(date.getTime())) return null;
  const text = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Tokyo" }).format(date);
  return text.replace(/(\D)1年/, "$1元年");
}
