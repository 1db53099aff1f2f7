// A labelled form field. The error is rendered next to the input and linked by aria-describedby;
// the input is marked aria-invalid. The label text is what the seed manual calls the field.
import type { ReactNode } from "react";

export interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
  after?: ReactNode;
}

export function Field({ id, label, error, hint, children, after }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1" data-field={id}>
      <label htmlFor={id} className="block font-bold">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-solid-gray-700">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p id={errorId} className="text-sm font-bold text-error-1">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {after}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-lg border border-solid-gray-600 bg-white px-3 py-3 text-base aria-invalid:border-2 aria-invalid:border-error-1";

export function FormMessage({ error, notice }: { error?: string; notice?: string }) {
  // Always rendered, so screen readers announce the text when it appears.
  return (
    <div aria-live="assertive" aria-atomic="true">
      {error && <p className="rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2">{error}</p>}
      {notice && !error && <p className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">{notice}</p>}
    </div>
  );
}

export function SubmitButton({ children, pending, name, value }: { children: ReactNode; pending?: boolean; name?: string; value?: string }) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      className="block w-full rounded-lg bg-blue-900 px-4 py-3 text-lg font-bold text-white hover:bg-blue-1000 disabled:opacity-60"
    >
      {children}
    </button>
  );
}
