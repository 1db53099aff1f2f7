"use client";
import { useState, type InputHTMLAttributes } from "react";
import { inputClass } from "./field";

/** A password input with a show/hide toggle (typing on a phone is error-prone). */
export function PasswordInput(props: InputHTMLAttributes<HTMLInputElement> & { ref?: React.Ref<HTMLInputElement> }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="flex gap-2">
      <input {...props} type={visible ? "text" : "password"} className={inputClass} autoCapitalize="none" autoCorrect="off" spellCheck={false} />
      <button
        type="button"
        data-password-toggle=""
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-controls={props.id}
        className="shrink-0 rounded-lg border border-solid-gray-600 px-3 text-sm"
      >
        {visible ? "隠す" : "表示"}
      </button>
    </div>
  );
}
