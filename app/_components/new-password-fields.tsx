"use client";
// 新しいパスワード + 確認, with the live rule checklist: used wherever a member sets a new password
// after sign-up (reset, change).
import type { EnhancedForm } from "./enhanced-form";
import { Field } from "./field";
import { PasswordChecklist } from "./password-checklist";
import { PasswordInput } from "./password-input";

export function NewPasswordFields({ form, errorFor, userId }: { form: EnhancedForm; errorFor: (name: string) => string | undefined; userId: string }) {
  const password = form.watch("password") ?? "";
  return (
    <>
      <Field id="password" label="新しいパスワード" error={errorFor("password")} after={<PasswordChecklist id="password-rules" password={password} userId={userId} />}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="new-password" />}
      </Field>
      <Field id="passwordConfirm" label="新しいパスワード(確認)" error={errorFor("passwordConfirm")}>
        {(aria) => <PasswordInput {...aria} {...form.register("passwordConfirm")} autoComplete="new-password" />}
      </Field>
    </>
  );
}
