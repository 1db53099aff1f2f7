"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { publishTermsAction, saveSettings } from "./actions";

export interface SettingsValues {
  unionId: string;
  name: string;
  callCenterPhone: string;
  callCenterHours: string;
  supportEmail: string;
  senderEmail: string;
  surveyOpensOn: string;
  surveyClosesOn: string;
}

const FIELDS: { name: keyof SettingsValues; label: string; type?: string; max: number; hint?: string; autoComplete?: string }[] = [
  { name: "name", label: "組合名", max: 100 },
  { name: "callCenterPhone", label: "電話番号", type: "tel", max: 20, hint: "コールセンターの電話番号(例: 03-1234-5678)" },
  { name: "callCenterHours", label: "受付時間", max: 100, hint: "例: 平日 9:00〜17:00(土日祝日を除く)" },
  { name: "supportEmail", label: "問い合わせ先メール", type: "email", max: 254 },
  { name: "senderEmail", label: "送信元アドレス", max: 254, hint: "会員に送るメールの送信元。空欄ならサービス共通のアドレスを使います。" },
  { name: "surveyOpensOn", label: "調査の開始日", type: "date", max: 10 },
  { name: "surveyClosesOn", label: "調査の締切日", type: "date", max: 10 },
];

const submitClass = "rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60";

export function SettingsForm({ values }: { values: SettingsValues }) {
  const [state, action, pending] = useActionState(saveSettings, initialFormState);
  const v = (name: keyof SettingsValues) => state.values?.[name] ?? values[name];
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="unionId" value={values.unionId} />
      {FIELDS.map((f) => (
        <Field key={f.name} id={`settings-${f.name}`} label={f.label} error={state.fieldErrors?.[f.name]} hint={f.hint}>
          {(aria) => <input {...aria} name={f.name} type={f.type ?? "text"} maxLength={f.max} defaultValue={v(f.name)} className={inputClass} />}
        </Field>
      ))}
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className={submitClass}>
        保存する
      </button>
    </form>
  );
}

export function TermsForm({ unionId, title, body, max }: { unionId: string; title: string; body: string; max: number }) {
  const [state, action, pending] = useActionState(publishTermsAction, initialFormState);
  return (
    <form action={action} className="max-w-3xl space-y-4" noValidate>
      <input type="hidden" name="unionId" value={unionId} />
      <Field id="terms-title" label="題名" error={state.fieldErrors?.title}>
        {(aria) => <input {...aria} name="title" maxLength={100} defaultValue={state.values?.title ?? title} className={inputClass} />}
      </Field>
      <Field id="terms-body" label="利用規約" error={state.fieldErrors?.body} hint={`${max.toLocaleString("ja-JP")} 文字まで。公開すると、会員全員に改めて同意を求めます。`}>
        {(aria) => <textarea {...aria} name="body" rows={16} maxLength={max} defaultValue={state.values?.body ?? body} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className={submitClass}>
        新しい版を公開する
      </button>
    </form>
  );
}
