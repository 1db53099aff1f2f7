// The original name as the member's device sent it, made safe to store and to show: no path,
// no control or bidi characters, NFC, at most 200 characters, the extension of what we stored.
const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf" };

export function sanitiseFileName(raw: string | undefined | null, contentType: string): string {
  let name = String(raw ?? "").normalize("NFC");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "");
  name = name.replace(/["<>:|?*]/g, "_").trim().replace(/^\.+/, "");
  const ext = EXTENSIONS[contentType] ?? "bin";
  let stem = name.replace(/\.[^.]{1,10}$/, "");
  if (!stem) stem = "書類";
  const max = 200 - ext.length - 1;
  stem = Array.from(stem).slice(0, max).join("");
  return `${stem}.${ext}`;
}
