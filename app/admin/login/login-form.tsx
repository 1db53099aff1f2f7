"use client";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordInput } from "@/app/_components/password-input";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { adminLoginSchema } from "@/lib/admin/login-schema";
import { adminLoginAction } from "./actions";

export function AdminLoginForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(adminLoginSchema, adminLoginAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="loginId" label="管理者ID" error={errorFor("loginId")}>
        {(aria) => <input {...aria} {...form.register("loginId")} defaultValue={value("loginId")} className={inputClass} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="password" label="パスワード" error={errorFor("password")}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="current-password" />}
      </Field>
      <Field id="code" label="確認コード" error={errorFor("code")} hint="認証アプリに表示されている6桁の数字">
        {(aria) => <input {...aria} {...form.register("code")} className={inputClass} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />}
      </Field>
      <SubmitButton pending={pending}>ログイン</SubmitButton>
    </form>
  );
}
