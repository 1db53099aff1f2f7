"use client";
import { passwordChecks } from "@/lib/auth/password-policy";

/** The password rules as a live checklist; it updates as the member types. */
export function PasswordChecklist({ id, password, userId }: { id: string; password: string; userId: string }) {
  return (
    <ul id={id} className="space-y-0.5 text-sm" aria-label="パスワードの条件" data-password-rules="" data-user-id={userId}>
      {passwordChecks(password, userId).map((c) => (
        <li key={c.id} className={c.ok ? "text-success-2" : "text-solid-gray-700"}>
          <span aria-hidden="true">{c.ok ? "✔" : "・"} </span>
          {c.label}
          <span className="sr-only">{c.ok ? "(満たしています)" : "(まだ満たしていません)"}</span>
        </li>
      ))}
    </ul>
  );
}
