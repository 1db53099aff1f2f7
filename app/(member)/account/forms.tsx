"use client";
import { CodeField, ResendCodeForm } from "@/app/_components/code-fields";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordInput } from "@/app/_components/password-input";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { changeEmailSchema, changePasswordSchema, emailCodeSchema } from "@/lib/account/schemas";
import { changeEmailAction, changePasswordAction, confirmEmailAction, resendEmailCodeAction } from "./actions";

export function ChangePasswordForm({ userId }: { userId: string }) {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(changePasswordSchema, changePasswordAction);
  return (
    <form {...formProps} className="space-y-5" aria-labelledby="change-password">
      <FormMessage error={state.formError} notice={state.notice} />
      <input type="hidden" {...form.register("userId")} value={userId} />
      <Field id="currentPassword" label="現在のパスワード" error={errorFor("currentPassword")}>
        {(aria) => <PasswordInput {...aria} {...form.register("currentPassword")} autoComplete="current-password" />}
      </Field>
      <NewPasswordFields form={form} errorFor={errorFor} userId={userId} />
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
      <CodeField error={errorFor("code")} registration={form.register("code")} hint="新しいメールアドレスに届いた6桁の数字です。" />
      <SubmitButton pending={pending}>OK</SubmitButton>
    </form>
  );
}

export function ResendEmailCodeForm() {
  return <ResendCodeForm action={resendEmailCodeAction} />;
}
