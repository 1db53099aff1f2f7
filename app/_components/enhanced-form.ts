"use client";
// Progressive enhancement for a server-action form: without JavaScript the <form action> posts and
// the page re-renders with the action's state; with JavaScript the form's values are checked in the
// browser first (same first message per field as the server's zod schema) and only then is the
// action called (no page reload, nothing typed is lost).
//
// Its own few lines instead of react-hook-form + a zod resolver: the inputs stay uncontrolled,
// the form element's own events say what was typed and left, and the check is a plain function
// (lib/validation/checks.ts). A zod schema is accepted too (anything with safeParse), for forms
// whose rules have no plain copy yet; those forms import ./zod-jitless (see use-enhanced-form.ts).
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { initialFormState, type FormState } from "@/lib/actions";
import type { Check, FieldErrors } from "@/lib/validation/checks";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** What a zod schema's safeParse answers, structurally (so this module does not import zod). */
interface SafeParser {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export type Validator = Check | SafeParser;

/** The part of the old react-hook-form object the forms use: `{...form.register(name)}` and `form.watch(name)`. */
export interface EnhancedForm {
  register(name: string): { name: string };
  watch(name: string): string | undefined;
}

function run(validator: Validator, values: Record<string, unknown>): FieldErrors {
  if (typeof validator === "function") return validator(values);
  const parsed = validator.safeParse(values);
  const out: FieldErrors = {};
  if (!parsed.success) for (const issue of parsed.error.issues) out[String(issue.path[0] ?? "form")] ??= issue.message;
  return out;
}

/** The form's string values by name, as the server action will see them (without React's $ACTION fields). */
function valuesOf(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  return out;
}

const register = (name: string) => ({ name });

export function useEnhancedForm(validator: Validator, action: Action) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const ref = useRef<HTMLFormElement>(null);
  // null until the member types: the server render and hydration see the same (empty) state.
  const [values, setValues] = useState<Record<string, string> | null>(null);
  // Like react-hook-form's "onTouched": a field's message appears once it has been left (or the
  // form was submitted), then follows every keystroke.
  const [touched, setTouched] = useState<{ all: boolean; names: ReadonlySet<string> }>({ all: false, names: new Set() });
  // Fields edited since the last server response: their server-side message no longer applies.
  const [edited, setEdited] = useState<{ state: FormState; names: Set<string> }>({ state, names: new Set() });
  const editedNames = edited.state === state ? edited.names : new Set<string>();
  const errors = values ? run(validator, values) : {};

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const current = valuesOf(formElement);
    setValues(current);
    setTouched({ all: true, names: touched.names });
    const found = run(validator, current);
    if (Object.keys(found).length > 0) {
      // The first field with a message, in page order, gets the focus (as react-hook-form did).
      const first = [...formElement.elements].find((el): el is HTMLInputElement => "name" in el && Object.hasOwn(found, (el as HTMLInputElement).name));
      first?.focus();
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(formElement, submitter ?? undefined);
    startTransition(() => formAction(data));
  };

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    setValues(valuesOf(event.currentTarget));
    const name = (event.target as HTMLInputElement).name;
    if (name && !editedNames.has(name)) setEdited({ state, names: new Set(editedNames).add(name) });
  };

  const onBlur = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as HTMLInputElement).name;
    if (!name || touched.names.has(name)) return;
    setValues(valuesOf(event.currentTarget));
    setTouched({ all: touched.all, names: new Set(touched.names).add(name) });
  };

  const errorFor = (name: string): string | undefined => {
    if ((touched.all || touched.names.has(name)) && errors[name]) return errors[name];
    return editedNames.has(name) ? undefined : state.fieldErrors?.[name];
  };

  const form: EnhancedForm = { register, watch: (name) => values?.[name] };

  return {
    state,
    pending,
    form,
    errorFor,
    /** Props for <form>: a real action for no-JS, the browser's check first with JS. */
    formProps: { ref, action: formAction, onSubmit, onChange, onBlur, noValidate: true },
    value: (name: string) => state.values?.[name],
  };
}
