"use client";
// The 認証番号 input and the resend button, shared by every page that waits for a mailed code.
import { useActionState } from "react";
import { initialFormState, type FormState } from "@/lib/actions";
import { Field, FormMessage, inputClass } from "./field";

export function CodeField({ error, registration, hint }: { error?: string; registration: { name: string }; hint: string }) {
  return (
    <Field id="code" label="認証番号" error={error} hint={hint}>
      {(aria) => <input {...aria} {...registration} className={`${inputClass} text-2xl tracking-[0.3em]`} inputMode="numeric" autoComplete="one-time-code" />}
    </Field>
  );
}

export function ResendCodeForm({ action }: { action: (state: FormState) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="w-full rounded-lg border-2 border-blue-900 px-4 py-3 font-bold text-blue-900 disabled:opacity-60">
        認証番号を再送する
      </button>
    </form>
  );
}
