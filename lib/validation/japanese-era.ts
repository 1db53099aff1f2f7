import { isRealDate } from "./dates";

// 和暦 for a YYYY-MM-DD date, e.g. 「昭和55年4月1日」, shown beside the birth-date picker.
export function japaneseEra(iso: string): string | null {
  // Only real dates from the Meiji era on (the Gregorian calendar was adopted in 明治6年).
  if (!isRealDate(iso) || iso < "1873-01-01") return null;
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d, 3));
  const text = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", month: "long", day: "numeric", timeZone: "Asia/Tokyo" }).format(date);
  return text.replace(/(\D)1年/, "$1元年");
}

/** The line under the birth-date picker: the 和暦 of the chosen date, or what to do. */
export function eraLine(iso: string): string {
  const era = japaneseEra(iso);
  return era ? `和暦: ${era}` : "カレンダーから選んでください。";
}
