// The shape every form action returns, and the parsing every action starts with.
import type { z } from "zod";

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

const SECRET_FIELDS = /password|code/i;

/** The form's plain string values, without secrets, for echoing back. */
export function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 200);
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

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<z.output<S>> {
  const raw = Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$")));
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    state: { fieldErrors: fieldErrorsOf(parsed.error), formError: "入力内容を確認してください。", values: echoValues(formData) },
  };
}
