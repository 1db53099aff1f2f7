"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/field";
import { initialFormState } from "@/lib/actions";
import { submitAction } from "./actions";

export function SubmitForm({ version }: { version: number }) {
  const [state, action, pending] = useActionState(submitAction, initialFormState);
  return (
    <form action={action} className="space-y-4">
      <FormMessage error={state.formError} />
      <input type="hidden" name="version" value={version} />
      <SubmitButton pending={pending}>提出する</SubmitButton>
    </form>
  );
}
