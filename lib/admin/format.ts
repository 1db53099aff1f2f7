// How the admin screens write times: Japan time, to the second, in a fixed-width form for tables.
const JST = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export function jst(at: Date | string | null | undefined): string {
  if (!at) return "—";
  return JST.format(new Date(at));
}

/** A short description of a browser from its User-Agent, for login history. */
export function deviceOf(userAgent: string | null | undefined): string {
  if (!userAgent) return "不明";
  const ua = userAgent;
  const os = /iPhone|iPad/.test(ua) ? "iOS" : /Android/.test(ua) ? "Android" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : "その他";
  const browser = /Edg\//.test(ua) ? "Edge" : /CriOS|Chrome\//.test(ua) ? "Chrome" : /FxiOS|Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : "その他";
  const mobile = /Mobile|Android|iPhone/.test(ua) ? "(スマートフォン)" : "";
  return `${os} ${browser}${mobile}`;
}
