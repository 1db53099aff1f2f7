"use client";
// Reopens this one case after the survey closed: the last day and a 理由 (recorded in the audit log).
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { reopenAction } from "./actions";

export function ReopenForm({ surveyId, responseId, defaultUntil }: { surveyId: number; responseId: number; defaultUntil: string }) {
  const [state, run, pending] = useActionState(reopenAction, initialFormState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={run} className="space-y-4" noValidate>
      <input type="hidden" name="surveyId" value={surveyId} />
      <input type="hidden" name="responseId" value={responseId} />
      <Field id="reopen-until" label="受付の期限" error={e.until} hint="この日の終わりまで、この会員だけが回答・書類の提出をできます。">
        {(aria) => <input {...aria} type="date" name="until" defaultValue={state.values?.until ?? defaultUntil} className={inputClass} />}
      </Field>
      <Field id="reopen-reason" label="再開の理由" error={e.reason} hint="記録に残ります(会員には表示されません)。">
        {(aria) => <textarea {...aria} name="reason" rows={2} maxLength={1000} defaultValue={state.values?.reason ?? ""} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50 disabled:opacity-60">
        受付を再開する
      </button>
    </form>
  );
}
