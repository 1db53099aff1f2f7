"use client";
// The survey setup's forms. Each posts to a server action and shows its message in an aria-live
// region; they work without JavaScript too (the action redirects on success).
import { useActionState, type ReactNode } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState, type FormState } from "@/lib/actions";
import { addTargetAction, applyRuleAction, closeSurveyAction, createSurveyAction, nextYearAction, openSurveyAction, remindNowAction, removeTargetAction } from "./actions";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const primary = "rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60";
const secondary = "rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50 disabled:opacity-60";
const danger = "rounded-lg border-2 border-error-1 px-4 py-2 font-bold text-error-2 hover:bg-red-50 disabled:opacity-60";

const ACTIONS: Record<string, Action> = {
  applyRule: applyRuleAction,
  open: openSurveyAction,
  close: closeSurveyAction,
  remind: remindNowAction,
};

/** A one-button form (open, close, apply the rule) with hidden fields. */
export function ButtonForm({ action, surveyId, label, tone = "primary", hidden = {}, children }: { action: keyof typeof ACTIONS; surveyId: number; label: string; tone?: "primary" | "danger"; hidden?: Record<string, string | string[]>; children?: ReactNode }) {
  const [state, run, pending] = useActionState(ACTIONS[action], initialFormState);
  return (
    <form action={run} className="space-y-2">
      <input type="hidden" name="surveyId" value={surveyId} />
      {Object.entries(hidden).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => <input key={`${k}-${x}`} type="hidden" name={k} value={x} />))}
      {children}
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className={tone === "danger" ? danger : primary}>
        {label}
      </button>
    </form>
  );
}

export function CreateSurveyForm({ unionId, defaults }: { unionId: number; defaults: { title: string; opensOn: string; closesOn: string } }) {
  const [state, run, pending] = useActionState(createSurveyAction, initialFormState);
  const v = (k: string, d = "") => state.values?.[k] ?? d;
  const e = state.fieldErrors ?? {};
  return (
    <form action={run} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="unionId" value={unionId} />
      <Field id="survey-title" label="タイトル" error={e.title}>
        {(aria) => <input {...aria} name="title" maxLength={100} defaultValue={v("title", defaults.title)} className={inputClass} />}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="survey-opens" label="開始日" error={e.opensOn} hint="日本時間のこの日の 0:00 から">
          {(aria) => <input {...aria} name="opensOn" type="date" defaultValue={v("opensOn", defaults.opensOn)} className={inputClass} />}
        </Field>
        <Field id="survey-closes" label="締切日" error={e.closesOn} hint="日本時間のこの日の 23:59 まで">
          {(aria) => <input {...aria} name="closesOn" type="date" defaultValue={v("closesOn", defaults.closesOn)} className={inputClass} />}
        </Field>
      </div>
      <Field id="survey-base" label="基準日" error={e.baseDate} hint="年齢を数える日。空欄なら開始日。">
        {(aria) => <input {...aria} name="baseDate" type="date" defaultValue={v("baseDate")} className={inputClass} />}
      </Field>
      <Field id="survey-reminders" label="督促日" error={e.reminderDates} hint="回答期間内の日付を YYYY-MM-DD で、複数ならカンマ区切り(例: 2027-01-10, 2027-01-20)">
        {(aria) => <input {...aria} name="reminderDates" maxLength={200} defaultValue={v("reminderDates")} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className={primary}>
        下書きを作成する
      </button>
    </form>
  );
}

export function AddTargetForm({ surveyId }: { surveyId: number }) {
  const [state, run, pending] = useActionState(addTargetAction, initialFormState);
  const v = (k: string) => state.values?.[k] ?? "";
  return (
    <form action={run} className="space-y-3" noValidate>
      <input type="hidden" name="surveyId" value={surveyId} />
      <div className="grid grid-cols-3 gap-3">
        <Field id="add-symbol" label="記号">{(aria) => <input {...aria} name="symbol" maxLength={20} defaultValue={v("symbol")} className={inputClass} />}</Field>
        <Field id="add-number" label="番号">{(aria) => <input {...aria} name="number" maxLength={20} defaultValue={v("number")} className={inputClass} />}</Field>
        <Field id="add-branch" label="枝番">{(aria) => <input {...aria} name="branch" maxLength={4} defaultValue={v("branch")} className={inputClass} />}</Field>
      </div>
      <Field id="add-reason" label="追加の理由">{(aria) => <input {...aria} name="reason" maxLength={200} defaultValue={v("reason")} className={inputClass} />}</Field>
      <FormMessage error={state.formError} />
      <button type="submit" disabled={pending} className={secondary}>
        対象者に追加する
      </button>
    </form>
  );
}

export function RemoveTargetForm({ surveyId, targetId, name }: { surveyId: number; targetId: number; name: string }) {
  const [state, run, pending] = useActionState(removeTargetAction, initialFormState);
  const id = `remove-${targetId}`;
  return (
    <form action={run} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="surveyId" value={surveyId} />
      <input type="hidden" name="targetId" value={targetId} />
      <div>
        <label htmlFor={id} className="block text-sm font-bold">
          {name} さんを外す理由
        </label>
        <input id={id} name="reason" maxLength={200} aria-invalid={state.formError ? true : undefined} aria-describedby={state.formError ? `${id}-error` : undefined} className="rounded-lg border border-solid-gray-600 px-2 py-1" />
      </div>
      <button type="submit" disabled={pending} className={secondary}>
        外す
      </button>
      {state.formError && (
        <p id={`${id}-error`} role="alert" className="text-sm font-bold text-error-1">
          {state.formError}
        </p>
      )}
    </form>
  );
}

/**
 * 「次年度の調査を作成」 on a closed (current) survey: a draft from the current roster, and what
 * happens to member accounts. A reset needs a reason and a ticked confirmation.
 */
export function NextYearForm({ surveyId, defaults }: { surveyId: number; defaults: { title: string; opensOn: string; closesOn: string } }) {
  const [state, run, pending] = useActionState(nextYearAction, initialFormState);
  const v = (k: string, d = "") => state.values?.[k] ?? d;
  const e = state.fieldErrors ?? {};
  const accounts = v("accounts", "carry");
  return (
    <form action={run} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="surveyId" value={surveyId} />
      <Field id="next-title" label="タイトル" error={e.title}>
        {(aria) => <input {...aria} name="title" maxLength={100} defaultValue={v("title", defaults.title)} className={inputClass} />}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="next-opens" label="開始日" error={e.opensOn} hint="日本時間のこの日の 0:00 から">
          {(aria) => <input {...aria} name="opensOn" type="date" defaultValue={v("opensOn", defaults.opensOn)} className={inputClass} />}
        </Field>
        <Field id="next-closes" label="締切日" error={e.closesOn} hint="日本時間のこの日の 23:59 まで">
          {(aria) => <input {...aria} name="closesOn" type="date" defaultValue={v("closesOn", defaults.closesOn)} className={inputClass} />}
        </Field>
      </div>
      <Field id="next-base" label="基準日" error={e.baseDate} hint="年齢を数える日。空欄なら開始日。">
        {(aria) => <input {...aria} name="baseDate" type="date" defaultValue={v("baseDate")} className={inputClass} />}
      </Field>
      <Field id="next-reminders" label="督促日" error={e.reminderDates} hint="回答期間内の日付を YYYY-MM-DD で、複数ならカンマ区切り">
        {(aria) => <input {...aria} name="reminderDates" maxLength={200} defaultValue={v("reminderDates")} className={inputClass} />}
      </Field>
      <fieldset className="space-y-2" aria-describedby={e.accounts ? "next-accounts-error" : undefined}>
        <legend className="font-bold">会員のアカウント</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="accounts" value="carry" defaultChecked={accounts === "carry"} className="mt-1" />
          <span>
            アカウントを引き継ぐ
            <span className="block text-sm text-solid-gray-700">会員はいまのユーザーIDとパスワードで、そのままログインできます。</span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="accounts" value="reset" defaultChecked={accounts === "reset"} className="mt-1" />
          <span>
            アカウントをリセットする
            <span className="block text-sm text-solid-gray-700">組合のすべての会員アカウントを閉じ、ログイン中の方もログアウトさせます。会員はもう一度アカウントを作成します。閉じたアカウントの記録は監査のために残ります。</span>
          </span>
        </label>
        {e.accounts && (
          <p id="next-accounts-error" className="font-bold text-error-1">
            {e.accounts}
          </p>
        )}
      </fieldset>
      <Field id="next-reason" label="リセットの理由" error={e.reason} hint="リセットするときは必須です。監査ログに記録されます。">
        {(aria) => <input {...aria} name="reason" maxLength={200} defaultValue={v("reason")} className={inputClass} />}
      </Field>
      <div>
        <label className="flex items-start gap-2">
          <input type="checkbox" name="confirm" value="yes" className="mt-1" aria-invalid={e.confirm ? true : undefined} aria-describedby={e.confirm ? "next-confirm-error" : undefined} />
          <span>リセットすると、すべての会員アカウントが閉じられ、元に戻せないことを確認しました</span>
        </label>
        {e.confirm && (
          <p id="next-confirm-error" className="font-bold text-error-1">
            {e.confirm}
          </p>
        )}
      </div>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className={primary}>
        次年度の調査を作成
      </button>
    </form>
  );
}
