"use client";
// Outcomes per dependent and the decision. Posts the version the reviewer saw; a stale save shows
// the server's message and writes nothing.
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { decideAction } from "./actions";

export interface ReviewFormDependent {
  id: number;
  name: string;
  outcome: string | null;
  removalDate: string | null;
}

const OUTCOME_OPTIONS = [
  ["continue", "継続"],
  ["remove", "削除"],
  ["missing_documents", "書類不足"],
] as const;

export function ReviewForm({ surveyId, responseId, version, dependents }: { surveyId: number; responseId: number; version: number; dependents: ReviewFormDependent[] }) {
  const [state, run, pending] = useActionState(decideAction, initialFormState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={run} className="space-y-6" noValidate>
      <input type="hidden" name="surveyId" value={surveyId} />
      <input type="hidden" name="responseId" value={responseId} />
      <input type="hidden" name="version" value={version} />
      {dependents.map((d) => {
        const err = e[`outcome-${d.id}`];
        const current = state.values?.[`outcome-${d.id}`] ?? d.outcome ?? "";
        return (
          <fieldset key={d.id} role="radiogroup" className="space-y-2 rounded-lg border border-solid-gray-300 p-4" aria-invalid={err ? true : undefined} aria-describedby={err ? `outcome-${d.id}-error` : undefined}>
            <legend className="font-bold">{d.name} さんの結果</legend>
            <div className="flex flex-wrap gap-4">
              {OUTCOME_OPTIONS.map(([value, label]) => (
                <label key={value} className="flex items-center gap-1">
                  <input type="radio" name={`outcome-${d.id}`} value={value} defaultChecked={current === value} />
                  {label}
                </label>
              ))}
            </div>
            {err && (
              <p id={`outcome-${d.id}-error`} className="text-sm font-bold text-error-1">
                {err}
              </p>
            )}
            <Field id={`removal-${d.id}`} label="削除日(削除のとき)" error={e[`removalDate-${d.id}`]}>
              {(aria) => <input {...aria} type="date" name={`removalDate-${d.id}`} defaultValue={state.values?.[`removalDate-${d.id}`] ?? d.removalDate ?? ""} className={inputClass} />}
            </Field>
          </fieldset>
        );
      })}
      <Field id="review-reason" label="理由" error={e.reason} hint="差し戻すときは必ず入力してください。会員の画面とメールにそのまま表示されます。">
        {(aria) => <textarea {...aria} name="reason" rows={4} maxLength={1000} defaultValue={state.values?.reason ?? ""} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <div className="flex gap-4">
        <button type="submit" name="decision" value="approve" disabled={pending} className="rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
          承認
        </button>
        <button type="submit" name="decision" value="return" disabled={pending} className="rounded-lg border-2 border-error-1 px-5 py-2 font-bold text-error-2 hover:bg-red-50 disabled:opacity-60">
          差し戻し
        </button>
      </div>
    </form>
  );
}
