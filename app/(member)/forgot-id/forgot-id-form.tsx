"use client";
import { Field, FormMessage, inputClass, SubmitButton } from "@/app/_components/field";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { forgotIdSchema } from "@/lib/account/schemas";
import { forgotIdAction } from "./actions";

export function ForgotIdForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(forgotIdSchema, forgotIdAction);
  return (
    <form {...formProps} className="space-y-5">
      <FormMessage error={state.formError} notice={state.notice} />
      <Field id="email" label="メールアドレス" error={errorFor("email")} hint="ユーザーIDを作成したときに登録したメールアドレスを入力してください。">
        {(aria) => <input {...aria} {...form.register("email")} defaultValue={value("email")} type="email" inputMode="email" className={inputClass} autoComplete="email" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <SubmitButton pending={pending}>次へ</SubmitButton>
    </form>
  );
}
