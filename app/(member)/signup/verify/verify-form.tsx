"use client";
import { CodeField, ResendCodeForm } from "@/app/_components/code-fields";
import { FormMessage, SubmitButton } from "@/app/_components/field";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { verifySchema } from "@/lib/signup/schemas";
import { resendCodeAction, verifyCodeAction } from "./actions";

export function VerifyForm() {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(verifySchema, verifyCodeAction);
  return (
    <form {...formProps} className="space-y-4">
      <FormMessage error={state.formError} />
      <CodeField error={errorFor("code")} registration={form.register("code")} hint="6桁の数字です。メールからコピーして貼り付けることもできます。" />
      <SubmitButton pending={pending}>OK</SubmitButton>
    </form>
  );
}

export function ResendForm() {
  return <ResendCodeForm action={resendCodeAction} />;
}
