// Formatting shared by the templates and the mailbox page. Members read times in Japan time,
// whatever zone the server runs in, so the zone is fixed here rather than taken from the host.

export type DateLike = Date | string;

const parts = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** `2026年4月1日(水) 19:15` in Asia/Tokyo. */
export function formatJapanTime(at: DateLike): string {
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(at)}`);
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}年${p.month}月${p.day}日(${p.weekday}) ${p.hour}:${p.minute}`;
}

/**
 * `t***@example.com`: enough for the owner of the old address to recognise the new one, without
 * handing the whole address to whoever reads the old mailbox.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${address[0]}***${address.slice(at)}`;
}
