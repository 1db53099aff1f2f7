// The shape every form action returns, and the parsing every action starts with.
import type { z } from "zod";
import { formDataProblems, hasBadCharacters } from "./validation/input-guard";

export interface FormState {
  ok?: boolean;
  /** Per-field messages, shown next to the field (aria-describedby) with aria-invalid. */
  fieldErrors?: Record<string, string>;
  /** A message for the whole form, announced through an aria-live region. */
  formError?: string;
  /** A neutral or success message (e.g. "sent again"). */
  notice?: string;
  /** What the member typed, echoed back so a no-JavaScript form keeps it. Never passwords. */
  values?: Record<string, string>;
}

export const initialFormState: FormState = {};

/**
 * Fields never echoed back: every password field and the emailed 認証番号. Exact names, not a
 * pattern: `/code/` would also swallow 保険者指定コード (`insurerCode`), which the member must see again.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(["password", "passwordConfirm", "currentPassword", "code"]);

const ECHO_MAX = 200;

/** The form's plain string values, without secrets or unusable characters, for echoing back. */
export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$") || SECRET_FIELDS.has(key) || hasBadCharacters(value)) continue;
    // Cut by code point so an emoji at the cut is not split into a lone surrogate.
    values[key] = value.length > ECHO_MAX ? Array.from(value).slice(0, ECHO_MAX).join("") : value;
  }
  return values;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; state: FormState };

export interface ParseOptions {
  /** Fields that are textareas: line breaks and tabs are allowed there (and only there). */
  multiline?: readonly string[];
}

/**
 * Every action's first step. Values with NUL, control characters or lone surrogates get a field
 * error before the schema sees them (they must never reach the database); the schema judges the rest.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, options: ParseOptions = {}): Parsed<z.output<S>> {
  const bad = formDataProblems(formData, options.multiline);
  // Object.fromEntries defines own properties, so a field named "__proto__" is just a field.
  const raw = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$") && !(bad && Object.hasOwn(bad, key))));
  const parsed = schema.safeParse(raw);
  if (parsed.success && !bad) return { ok: true, data: parsed.data };
  return {
    ok: false,
    state: {
      fieldErrors: { ...(parsed.success ? {} : fieldErrorsOf(parsed.error)), ...bad },
      formError: "入力内容を確認してください。",
      values: echoValues(formData),
    },
  };
}
