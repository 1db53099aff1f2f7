"use client";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordChecklist } from "@/app/_components/password-checklist";
import { PasswordInput } from "@/app/_components/password-input";
import { useEnhancedForm } from "@/app/_components/enhanced-form";
import { accountCheck, USER_ID_RULE } from "@/lib/validation/checks";
import { saveAccountAction } from "./actions";

export function AccountForm({ defaults }: { defaults: { userId: string; email: string } }) {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(accountCheck, saveAccountAction);
  const password = form.watch("password") ?? "";
  const userId = form.watch("userId") ?? value("userId") ?? defaults.userId;
  return (
    <form {...formProps} data-lean="" data-check="account" className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="userId" label="ユーザーID" error={errorFor("userId")} hint={`${USER_ID_RULE}。全ての利用者の中で重複しないものにしてください。メールアドレスの形でもかまいませんが、メールの送り先には使われません。`}>
        {(aria) => <input {...aria} {...form.register("userId")} defaultValue={value("userId") ?? defaults.userId} className={inputClass} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="password" label="パスワード" error={errorFor("password")} after={<PasswordChecklist id="password-rules" password={password} userId={userId} />}>
        {(aria) => <PasswordInput {...aria} {...form.register("password")} autoComplete="new-password" aria-describedby={[aria["aria-describedby"], "password-rules"].filter(Boolean).join(" ")} />}
      </Field>
      <Field id="passwordConfirm" label="パスワード(確認)" error={errorFor("passwordConfirm")} hint="確認のため、もう一度同じパスワードを入力してください。">
        {(aria) => <PasswordInput {...aria} {...form.register("passwordConfirm")} autoComplete="new-password" />}
      </Field>
      <Field id="email" label="メールアドレス" error={errorFor("email")} hint="入力したアドレスに認証番号をお送りします。迷惑メール対策をしている場合は、受信できるよう設定してください。">
        {(aria) => <input {...aria} {...form.register("email")} defaultValue={value("email") ?? defaults.email} type="email" inputMode="email" className={inputClass} autoComplete="email" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <SubmitButton pending={pending}>作成する</SubmitButton>
    </form>
  );
}
