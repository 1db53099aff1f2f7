"use client";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordInput } from "@/app/_components/password-input";
import { useEnhancedForm } from "@/app/_components/enhanced-form";
import { loginCheck } from "@/lib/validation/checks";
import { loginAction } from "./actions";

export function LoginForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(loginCheck, loginAction);
  return (
    <form {...formProps} data-lean="" data-check="login" className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="userId" label="ユーザーID" error={errorFor("userId")}>
        {(aria) => <input {...aria} {...form.register("userId")} defaultValue={value("userId")} className={inputClass} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="password" label="パスワード" error={errorFor("password")}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="current-password" />}
      </Field>
      <SubmitButton pending={pending}>ログイン</SubmitButton>
    </form>
  );
}
