"use client";
// Progressive enhancement for a server-action form: without JavaScript the <form action> posts and
// the page re-renders with the action's state; with JavaScript, react-hook-form validates with the
// same zod schema first and only then calls the action (no page reload, nothing typed is lost).
import "./zod-jitless";
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useCallback, useRef, useState, type FormEvent } from "react";
import { useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { initialFormState, type FormState } from "@/lib/actions";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export function useEnhancedForm<S extends z.ZodType<unknown, FieldValues>>(schema: S, action: Action) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as never) as unknown as Resolver<FieldValues>,
    mode: "onTouched",
    shouldUseNativeValidation: false,
  });
  const ref = useRef<HTMLFormElement>(null);
  // Fields edited since the last server response: their server-side message no longer applies.
  const [edited, setEdited] = useState<{ state: FormState; names: Set<string> }>({ state, names: new Set() });
  const editedNames = edited.state === state ? edited.names : new Set<string>();

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
      void form.handleSubmit(() => {
        const data = new FormData(ref.current!, submitter ?? undefined);
        startTransition(() => formAction(data));
      })(event);
    },
    [form, formAction],
  );

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as HTMLInputElement).name;
    if (name && !editedNames.has(name)) setEdited({ state, names: new Set(editedNames).add(name) });
  };

  const errorFor = (name: string): string | undefined => {
    const client = form.formState.errors[name]?.message;
    if (typeof client === "string") return client;
    return editedNames.has(name) ? undefined : state.fieldErrors?.[name];
  };

  return {
    state,
    pending,
    form,
    errorFor,
    /** Props for <form>: a real action for no-JS, client validation first with JS. */
    formProps: { ref, action: formAction, onSubmit, onChange, noValidate: true },
    value: (name: string) => state.values?.[name],
  };
}
