"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { saveRetentionAction } from "./retention-actions";

export function RetentionForm({ unionId, days, min, max }: { unionId: string; days: number; min: number; max: number }) {
  const [state, action, pending] = useActionState(saveRetentionAction, initialFormState);
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      <input type="hidden" name="unionId" value={unionId} />
      <Field id="settings-retention" label="書類の保存期間(調査終了後の日数)" error={state.fieldErrors?.retentionDays} hint={`${min}〜${max} 日。調査を締め切ってからこの日数が過ぎると、アップロードされた書類を削除します(記録は残ります)。`}>
        {(aria) => <input {...aria} name="retentionDays" inputMode="numeric" maxLength={5} defaultValue={state.values?.retentionDays ?? String(days)} className={inputClass} />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button type="submit" disabled={pending} className="rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
        保存期間を更新する
      </button>
    </form>
  );
}
