"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { documentsReadAction } from "./actions";

export function DocumentsReadForm({ read }: { read: boolean }) {
  const [state, action, pending] = useActionState(documentsReadAction, initialFormState);
  const error = state.fieldErrors?.read;
  return (
    <form action={action} className="space-y-4">
      <FormMessage error={state.formError} />
      <div>
        <label htmlFor="read" className="flex items-center gap-3 rounded-lg border border-solid-gray-600 p-4 font-bold">
          <input id="read" name="read" type="checkbox" defaultChecked={read} className="size-6" aria-invalid={error ? true : undefined} aria-describedby={error ? "read-error" : undefined} />
          必要な書類の一覧を確認しました
        </label>
        {error && (
          <p id="read-error" className="mt-1 text-sm font-bold text-error-1">
            {error}
          </p>
        )}
      </div>
      <SubmitButton pending={pending}>次へ</SubmitButton>
    </form>
  );
}
