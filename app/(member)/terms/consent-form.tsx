"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { consentAction } from "./actions";

export function ConsentForm({ termsVersionId }: { termsVersionId: number }) {
  const [state, action, pending] = useActionState(consentAction, initialFormState);
  const error = state.fieldErrors?.agree;
  return (
    <form action={action} className="space-y-4">
      <FormMessage error={state.formError} />
      <input type="hidden" name="termsVersionId" value={termsVersionId} />
      <div>
        <label htmlFor="agree" className="flex items-center gap-3 rounded-lg border border-solid-gray-600 p-4 text-lg font-bold">
          <input id="agree" name="agree" type="checkbox" className="size-6" aria-invalid={error ? true : undefined} aria-describedby={error ? "agree-error" : undefined} />
          利用規約に同意する
        </label>
        {error && <p id="agree-error" className="mt-1 text-sm font-bold text-error-1">{error}</p>}
      </div>
      <SubmitButton pending={pending}>次へ</SubmitButton>
    </form>
  );
}
