// A plain form posting to /login/submit (a route handler: lib/auth/login-form.ts says why). The
// lean page script checks its fields as the member types and posts it in place; without
// JavaScript it posts and comes back with its messages (a flash cookie).
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { PasswordInput } from "@/app/_components/password-input";
import type { FormState } from "@/lib/actions";

export function LoginForm({ state }: { state: FormState }) {
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <form action="/login/submit" method="post" noValidate data-lean="plain" data-check="login" className="space-y-5">
      <FormMessage error={state.formError} />
      <Field id="userId" label="ユーザーID" error={error("userId")}>
        {(aria) => <input {...aria} name="userId" defaultValue={state.values?.userId} className={inputClass} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="password" label="パスワード" error={error("password")}>
        {(aria) => <PasswordInput {...aria} name="password" autoComplete="current-password" />}
      </Field>
      <SubmitButton>ログイン</SubmitButton>
    </form>
  );
}
