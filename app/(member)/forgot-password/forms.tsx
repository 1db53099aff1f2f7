"use client";
import { CodeField, ResendCodeForm } from "@/app/_components/code-fields";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/account/schemas";
import { requestResetAction, resendResetAction, resetPasswordAction } from "./actions";

export function RequestResetForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(forgotPasswordSchema, requestResetAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="userId" label="ユーザーID" error={errorFor("userId")}>
        {(aria) => <input {...aria} {...form.register("userId")} defaultValue={value("userId")} className={inputClass} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="email" label="メールアドレス" error={errorFor("email")} hint="ユーザーIDを作成したときに登録したメールアドレスです。">
        {(aria) => <input {...aria} {...form.register("email")} defaultValue={value("email")} type="email" inputMode="email" className={inputClass} autoComplete="email" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <SubmitButton pending={pending}>次へ</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(resetPasswordSchema, resetPasswordAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} />
      <input type="hidden" {...form.register("userId")} value={userId} />
      <CodeField error={errorFor("code")} registration={form.register("code")} hint="メールに記載の6桁の数字です。" />
      <NewPasswordFields form={form} errorFor={errorFor} userId={userId} />
      <SubmitButton pending={pending}>パスワードを再設定する</SubmitButton>
    </form>
  );
}

export function ResendResetForm() {
  return <ResendCodeForm action={resendResetAction} />;
}
