// Characters no real form field or link sends: NUL and the other C0 control characters, DEL, and
// lone UTF-16 surrogates. PostgreSQL refuses NUL in text (a 500 if it gets that far), a lone
// surrogate is silently turned into U+FFFD on the way to the database, and a tab or line break in a
// one-line value is a paste accident at best. Every form value and query parameter is checked here
// first, so the app answers with a field error or a 400 instead.

/** C0 controls other than tab, LF and CR, plus DEL: never valid anywhere. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** Tab and line breaks: valid only in a multi-line field (a textarea sends CRLF). */
const LINE_CONTROL = /[\t\n\r]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const BAD_CHARACTER_MESSAGE = "使えない文字(改行・タブなどの制御文字)が含まれています。入力し直してください。";

/** True when `value` holds a character no field of this kind may contain. */
export function hasBadCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  return CONTROL.test(value) || LONE_SURROGATE.test(value) || (!options.multiline && LINE_CONTROL.test(value));
}

/**
 * Per-field messages for every string value (repeated fields included) with bad characters, or
 * null when all are clean. Next's own `$ACTION_…` fields are left to Next.
 */
export function formDataProblems(formData: FormData, multiline: readonly string[] = []): Record<string, string> | null {
  const problems = new Map<string, string>();
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$") || typeof value !== "string") continue;
    if (hasBadCharacters(value, { multiline: multiline.includes(key) })) problems.set(key, BAD_CHARACTER_MESSAGE);
  }
  // fromEntries defines own properties: a field named "__proto__" stays a field, not a prototype.
  return problems.size > 0 ? Object.fromEntries(problems) : null;
}

/** For route handlers: true when any query parameter name or value has bad characters. */
export function hasBadQuery(params: URLSearchParams): boolean {
  for (const [key, value] of params) if (hasBadCharacters(key) || hasBadCharacters(value)) return true;
  return false;
}

/** The 400 a route handler answers for a query it refuses. */
export function badQueryResponse(): Response {
  return Response.json({ error: "bad_request", message: "URL に使えない文字が含まれています。" }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

/**
 * For pages: one search parameter as a page reads it (`searchParams.x` is a string, an array when
 * repeated, or missing), as its first value, or undefined when it is missing or has bad characters.
 */
export function searchParam(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || hasBadCharacters(first) ? undefined : first;
}
