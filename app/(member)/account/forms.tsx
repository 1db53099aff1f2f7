"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordChecklist } from "@/app/_components/password-checklist";
import { PasswordInput } from "@/app/_components/password-input";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { initialFormState } from "@/lib/actions";
import { changeEmailSchema, changePasswordSchema, emailCodeSchema } from "@/lib/account/schemas";
import { changeEmailAction, changePasswordAction, confirmEmailAction, resendEmailCodeAction } from "./actions";

export function ChangePasswordForm({ userId }: { userId: string }) {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(changePasswordSchema, changePasswordAction);
  const password = (form.watch("password") as string | undefined) ?? "";
  return (
    <form {...formProps} className="space-y-5" aria-labelledby="change-password">
      <FormMessage error={state.formError} notice={state.notice} />
      <input type="hidden" {...form.register("userId")} value={userId} />
      <Field id="currentPassword" label="現在のパスワード" error={errorFor("currentPassword")}>
        {(aria) => <PasswordInput {...aria} {...form.register("currentPassword")} autoComplete="current-password" />}
      </Field>
      <Field id="password" label="新しいパスワード" error={errorFor("password")} after={<PasswordChecklist id="password-rules" password={password} userId={userId} />}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="new-password" />}
      </Field>
      <Field id="passwordConfirm" label="新しいパスワード(確認)" error={errorFor("passwordConfirm")}>
        {(aria) => <PasswordInput {...aria} {...form.register("passwordConfirm")} autoComplete="new-password" />}
      </Field>
      <SubmitButton pending={pending}>パスワードを変更する</SubmitButton>
    </form>
  );
}

export function ChangeEmailForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(changeEmailSchema, changeEmailAction);
  return (
    <form {...formProps} className="space-y-5" aria-labelledby="change-email">
      <FormMessage error={state.formError} />
      <Field id="email" label="新しいメールアドレス" error={errorFor("email")} hint="新しいアドレスに認証番号をお送りします。入力が終わるまで、今のアドレスのままです。">
        {(aria) => <input {...aria} {...form.register("email")} defaultValue={value("email")} type="email" inputMode="email" className={inputClass} autoComplete="email" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="emailCurrentPassword" label="現在のパスワード" error={errorFor("currentPassword")}>
        {(aria) => <PasswordInput {...aria} {...form.register("currentPassword")} autoComplete="current-password" />}
      </Field>
      <SubmitButton pending={pending}>認証番号を送信する</SubmitButton>
    </form>
  );
}

export function ConfirmEmailForm() {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(emailCodeSchema, confirmEmailAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="code" label="認証番号" error={errorFor("code")} hint="新しいメールアドレスに届いた6桁の数字です。">
        {(aria) => <input {...aria} {...form.register("code")} className={`${inputClass} text-2xl tracking-[0.3em]`} inputMode="numeric" autoComplete="one-time-code" />}
      </Field>
      <SubmitButton pending={pending}>OK</SubmitButton>
    </form>
  );
}

export function ResendEmailCodeForm() {
  const [state, action, pending] = useActionState(resendEmailCodeAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="w-full rounded-lg border-2 border-blue-900 px-4 py-3 font-bold text-blue-900 disabled:opacity-60">
        認証番号を再送する
      </button>
    </form>
  );
}
