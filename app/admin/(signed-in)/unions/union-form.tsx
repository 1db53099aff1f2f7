"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { createUnionAction, updateUnionAction } from "./actions";

export function UnionForm({ union }: { union?: { id: number; code: string; name: string } }) {
  const [state, action, pending] = useActionState(union ? updateUnionAction : createUnionAction, initialFormState);
  const values = state.ok && !union ? {} : (state.values ?? {});
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate key={state.ok && !union ? state.notice : undefined}>
      {union && <input type="hidden" name="unionId" value={union.id} />}
      <Field id="union-code" label="保険者指定コード" error={state.fieldErrors?.code} hint={union ? "会員がサインアップで入力するコードです。変えると、会員は新しいコードを入力することになります。" : "半角の英小文字 2〜16 文字(例: jkc)"}>
        {(aria) => <input {...aria} name="code" maxLength={16} autoComplete="off" defaultValue={values.code ?? union?.code ?? ""} className={inputClass} />}
      </Field>
      <Field id="union-name" label="組合名" error={state.fieldErrors?.name}>
        {(aria) => <input {...aria} name="name" maxLength={100} defaultValue={values.name ?? union?.name ?? ""} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
        {union ? "保存する" : "登録する"}
      </button>
    </form>
  );
}
