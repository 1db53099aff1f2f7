// Random and hostile form submissions for the fuzz tests (unit: parseForm and the schemas; e2e:
// multipart bodies posted to the running server). A submission is a list of entries so that fields
// can repeat, be missing, be files, or carry bytes that are not UTF-8 at all.
import fc from "fast-check";

export type HostileValue = string | { bytes: Uint8Array } | { file: Uint8Array; filename: string; type: string };
export type HostileEntry = [name: string, value: HostileValue];

/**
 * One megabyte (10^6 bytes) of text, built once. Next refuses a server-action body over 1 MiB in
 * all, so a megabyte value still reaches the action (see fitBody in the e2e fuzz).
 */
export const MEGABYTE = "a".repeat(1_000_000);

/** Values that no real field should accept or that have broken servers before. */
const NASTY_STRINGS = [
  "\u0000",
  "abc\u0000def",
  "ケンポ\u0000タロウ",
  "\t",
  "ケンポ\tタロウ",
  "line\r\nbreak",
  "\u001b[31mred",
  "\u007f",
  "\ud800",
  "a\udfffb",
  "",
  " ",
  "\u3000",
  "null",
  "undefined",
  "[object Object]",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "'; drop table members; --",
  "<script>alert(1)</script>",
  "%00",
  "\\u0000",
  "${7*7}",
  "__proto__",
  "on",
  "999999999999999999999",
  "jkc",
  "2026-02-30",
  "１２３４５６",
  "\ufeff",
  "\u202e",
  "🙂".repeat(300),
  "ア".repeat(101),
  "a".repeat(255),
  "a".repeat(10_000),
];

/** Raw bytes that are not valid UTF-8: an encoded lone surrogate, an overlong NUL, stray bytes. */
const NASTY_BYTES = [
  Uint8Array.from([0xed, 0xa0, 0x80]),
  Uint8Array.from([0xc0, 0x80]),
  Uint8Array.from([0xff, 0xfe, 0x00, 0x00]),
  Uint8Array.from([0x80]),
  Uint8Array.from([0x41, 0x00, 0x42]),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\t", "\n", "\r", "\u0007", "\ud800"), fc.string({ maxLength: 10 })).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: fc.constant(MEGABYTE) },
);

export const hostileValue: fc.Arbitrary<HostileValue> = fc.oneof(
  { weight: 8, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_BYTES).map((bytes) => ({ bytes })) },
  {
    weight: 1,
    arbitrary: fc.record({
      file: fc.uint8Array({ maxLength: 64 }),
      filename: fc.constantFrom("a.txt", "../../etc/passwd", "名前.png", ""),
      type: fc.constantFrom("text/plain", "application/octet-stream", "image/png"),
    }),
  },
);

/**
 * A submission for a form with `fields`: each field missing, once or repeated, with plausible
 * (`plausible[field]`) or hostile values, plus stray fields. At least one of `required` is missing,
 * hostile or a file, so the submission can never be valid: the answer must be a field or form error.
 */
export function hostileSubmission(fields: readonly string[], options: { required?: readonly string[]; plausible?: Record<string, string> } = {}): fc.Arbitrary<HostileEntry[]> {
  const required = options.required ?? fields;
  const plausible = options.plausible ?? {};
  const valueFor = (field: string) => (plausible[field] === undefined ? hostileValue : fc.oneof({ weight: 1, arbitrary: fc.constant<HostileValue>(plausible[field]) }, { weight: 2, arbitrary: hostileValue }));
  const field = (name: string) => fc.oneof(
    { weight: 1, arbitrary: fc.constant<HostileEntry[]>([]) },
    { weight: 4, arbitrary: valueFor(name).map((v): HostileEntry[] => [[name, v]]) },
    { weight: 1, arbitrary: fc.array(valueFor(name), { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v): HostileEntry => [name, v])) },
  );
  const stray = fc.array(fc.tuple(fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "$ACTION_KEY", "$ACTION_REF_9", "userId[]", "")), hostileValue), { maxLength: 3 });
  type Breaker = { name: string; value?: HostileValue } | null;
  const broken: fc.Arbitrary<Breaker> =
    required.length === 0 ? fc.constant(null) : fc.record({ name: fc.constantFrom(...required), value: fc.option(hostileBad, { nil: undefined }) });
  return fc.tuple(fc.tuple(...fields.map(field)), stray, broken).map(([perField, extra, breaker]) => {
    const entries: HostileEntry[] = [...perField.flat(), ...extra];
    if (!breaker) return entries;
    // No value: the field is missing altogether. A value: the field ends with it (the last of
    // repeated values is the one a form parser keeps).
    const others = entries.filter(([k]) => k !== breaker.name);
    return breaker.value === undefined ? others : [...others, [breaker.name, breaker.value] as HostileEntry];
  });
}

/** A value that no field accepts: control characters, a file, or far too long. */
const hostileBad: fc.Arbitrary<HostileValue> = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\t", "x\ny", "\u001b", MEGABYTE),
  fc.record({ file: fc.uint8Array({ maxLength: 16 }), filename: fc.constant("x.bin"), type: fc.constant("application/octet-stream") }),
);

/** The submission as a FormData (in-process tests). Raw bytes are decoded as a server would. */
export function toFormData(entries: HostileEntry[]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") form.append(name, value);
    else if ("bytes" in value) form.append(name, new TextDecoder().decode(value.bytes));
    else form.append(name, new File([value.file as Uint8Array<ArrayBuffer>], value.filename, { type: value.type }));
  }
  return form;
}

/** The submission as a multipart/form-data body, byte for byte (e2e tests). */
export function toMultipart(entries: HostileEntry[], boundary: string): Buffer {
  const parts: Buffer[] = [];
  // Field names are sent as UTF-8 with quotes and line breaks escaped, as browsers do.
  const quoteName = (s: string) => s.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
  for (const [name, value] of entries) {
    if (typeof value === "string" || "bytes" in value) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(name)}"\r\n\r\n`));
      parts.push(typeof value === "string" ? Buffer.from(value) : Buffer.from(value.bytes));
    } else {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteName(name)}"; filename="${quoteName(value.filename)}"\r\nContent-Type: ${value.type}\r\n\r\n`));
      parts.push(Buffer.from(value.file));
    }
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(parts);
}

/**
 * The same entries url-encoded, as a browser posts a plain form: names and values percent-encoded
 * byte by byte (bytes that are not UTF-8 stay as sent), a file reduced to its name.
 */
export function toUrlEncoded(entries: HostileEntry[]): string {
  const encode = (bytes: Uint8Array) => Array.from(bytes, (b) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  const bytesOf = (value: HostileValue) => (typeof value === "string" ? Buffer.from(value) : "bytes" in value ? value.bytes : Buffer.from(value.filename));
  return entries.map(([name, value]) => `${encode(Buffer.from(name))}=${encode(bytesOf(value))}`).join("&");
}
