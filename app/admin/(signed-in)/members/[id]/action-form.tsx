"use client";
import { Field, FormMessage } from "@/app/_components/field";
import { useEnhancedForm } from "@/app/_components/use-enhanced-form";
import { reasonSchema, type MemberActionKind } from "@/lib/admin/members/action-schema";
import { memberAction } from "./actions";

/** One member action: its own 理由 field and button; the result is announced in the form. */
export function MemberActionForm({ kind, label, description, memberId, rosterEntryId, danger }: { kind: MemberActionKind; label: string; description: string; memberId: number; rosterEntryId: number; danger?: boolean }) {
  const { state, pending, form, errorFor, formProps } = useEnhancedForm(reasonSchema, memberAction);
  const id = `reason-${kind}`;
  return (
    <form {...formProps} aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-solid-gray-600 p-4">
      <h3 id={`${id}-title`} className="text-lg font-bold">
        {label}
      </h3>
      <p className="text-sm">{description}</p>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="memberId" value={memberId} />
      <input type="hidden" name="rosterEntryId" value={rosterEntryId} />
      <Field id={id} label="理由" error={errorFor("reason")}>
        {(aria) => <textarea {...aria} {...form.register("reason")} rows={2} className="block w-full rounded-lg border border-solid-gray-600 bg-white px-3 py-2 text-base aria-invalid:border-2 aria-invalid:border-error-1" />}
      </Field>
      <FormMessage error={state.formError} notice={state.notice} />
      <button
        type="submit"
        disabled={pending}
        className={`rounded-lg px-4 py-2 font-bold text-white disabled:opacity-60 ${danger ? "bg-error-2 hover:bg-red-1000" : "bg-blue-900 hover:bg-blue-1000"}`}
      >
        {label}
      </button>
    </form>
  );
}
