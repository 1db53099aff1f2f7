// Where the roster page lives, with its query; shared by the page, its forms and route handlers.
export function rosterPageUrl(unionId: number, extra: { upload?: string; error?: string } = {}): string {
  const q = new URLSearchParams({ union: String(unionId), ...extra });
  return `/admin/roster?${q}`;
}
