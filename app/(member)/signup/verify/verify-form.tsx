"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { initialFormState } from "@/lib/actions";
import { verifySchema } from "@/lib/signup/schemas";
import { resendCodeAction, verifyCodeAction } from "./actions";

export function VerifyForm() {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(verifySchema, verifyCodeAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormMessage error={state.formError} />
      <Field id="code" label="認証番号" error={errorFor("code")} hint="6桁の数字です。メールからコピーして貼り付けることもできます。">
        {(aria) => <input {...aria} {...form.register("code")} className={`${inputClass} text-2xl tracking-[0.3em]`} inputMode="numeric" autoComplete="one-time-code" />}
      </Field>
      <SubmitButton pending={pending}>OK</SubmitButton>
    </form>
  );
}

export function ResendForm() {
  const [state, action, pending] = useActionState(resendCodeAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="w-full rounded-lg border-2 border-blue-900 px-4 py-3 font-bold text-blue-900 disabled:opacity-60">
        認証番号を再送する
      </button>
    </form>
  );
}
