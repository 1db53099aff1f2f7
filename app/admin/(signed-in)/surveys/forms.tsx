"use client";
// The survey setup's forms. Each posts to a server action and shows its message in an aria-live
// region; they work without JavaScript too (the action redirects on success).
import { useActionState, type ReactNode } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState, type FormState } from "@/lib/actions";
import { addTargetAction, applyRuleAction, closeSurveyAction, createSurveyAction, openSurveyAction, remindNowAction, removeTargetAction } from "./actions";

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
