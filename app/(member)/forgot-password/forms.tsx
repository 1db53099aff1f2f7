"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordChecklist } from "@/app/_components/password-checklist";
import { PasswordInput } from "@/app/_components/password-input";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { initialFormState } from "@/lib/actions";
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
  const password = (form.watch("password") as string | undefined) ?? "";
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} />
      <input type="hidden" {...form.register("userId")} value={userId} />
      <Field id="code" label="認証番号" error={errorFor("code")} hint="メールに記載の6桁の数字です。">
        {(aria) => <input {...aria} {...form.register("code")} className={`${inputClass} text-2xl tracking-[0.3em]`} inputMode="numeric" autoComplete="one-time-code" />}
      </Field>
      <Field id="password" label="新しいパスワード" error={errorFor("password")} after={<PasswordChecklist id="password-rules" password={password} userId={userId} />}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="new-password" />}
      </Field>
      <Field id="passwordConfirm" label="新しいパスワード(確認)" error={errorFor("passwordConfirm")}>
        {(aria) => <PasswordInput {...aria} {...form.register("passwordConfirm")} autoComplete="new-password" />}
      </Field>
      <SubmitButton pending={pending}>パスワードを再設定する</SubmitButton>
    </form>
  );
}

export function ResendResetForm() {
  const [state, action, pending] = useActionState(resendResetAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="w-full rounded-lg border-2 border-blue-900 px-4 py-3 font-bold text-blue-900 disabled:opacity-60">
        認証番号を再送する
      </button>
    </form>
  );
}
