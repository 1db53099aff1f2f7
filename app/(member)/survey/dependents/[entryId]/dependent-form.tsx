"use client";
// One dependent's answers. A plain <form action> (works without JavaScript: every section is shown
// and what does not apply is ignored on save); with JavaScript the sections that do not apply are
// hidden and the income hints follow the typing. The page is served lean (lib/lean/answers.ts does
// the same from the data-* attributes below when React is not on the page).
import { useActionState, useRef, useState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import { initialFormState, type FormState } from "@/lib/actions";
import { CONTINUATIONS, INCOME_KINDS, OCCUPATIONS, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES } from "@/lib/survey/answer-choices";
import { hintsFor, type Hints } from "@/lib/survey/live-hints";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const WARNING_NOTE = "この注意は提出を妨げません。状況をそのまま回答してください。";

export function DependentForm(props: {
  action: Action;
  initial: Record<string, string>;
  saved: boolean;
  dependent: { birthDate: string; relationship: string };
  baseDate: string;
  hints: Hints;
}) {
  const [state, formAction, pending] = useActionState(props.action, initialFormState);
  const values = state.values ?? props.initial;
  const ref = useRef<HTMLFormElement>(null);
  const [live, setLive] = useState<{ hints: Hints; continuation?: string; residence?: string } | null>(null);

  const onChange = () => {
    if (!ref.current) return;
    const data = Object.fromEntries(new FormData(ref.current).entries());
    const hints = hintsFor(data, { ...props.dependent, baseDate: props.baseDate });
    setLive((prev) => ({ hints: hints ?? prev?.hints ?? props.hints, continuation: String(data.continuation ?? ""), residence: String(data.residence ?? "") }));
  };
  const continuation = live?.continuation ?? values.continuation;
  const residence = live?.residence ?? values.residence;
  const hints = live?.hints ?? props.hints;
  // A part that does not apply is hidden by the when-off class, which only applies with JavaScript
  // (LeanPage's <noscript> style shows every part): the server already renders it hidden, so
  // nothing moves when the script starts.
  const off = (applies: boolean) => (applies ? undefined : "when-off");
  const err = (name: string) => state.fieldErrors?.[name];
  const aria = (name: string) => (err(name) ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});
  const errorText = (name: string) =>
    err(name) && (
      <p id={`${name}-error`} className="text-sm font-bold text-error-1">
        <span aria-hidden="true">⚠ </span>
        {err(name)}
      </p>
    );
  const radios = (name: string, options: Record<string, string>) =>
    Object.entries(options).map(([value, label]) => (
      <label key={value} className="flex items-center gap-3 rounded-lg border border-solid-gray-600 p-3">
        <input type="radio" name={name} value={value} defaultChecked={values[name] === value} className="size-5" {...aria(name)} />
        {label}
      </label>
    ));

  return (
    <form ref={ref} key={JSON.stringify(values)} action={formAction} onChange={onChange} noValidate className="space-y-6" data-lean="" data-answers={JSON.stringify({ ...props.dependent, baseDate: props.baseDate })}>
      <FormMessage error={state.formError} notice={props.saved && !state.formError ? "保存しました。続きはいつでも入力できます。" : undefined} />

      <fieldset className="space-y-2">
        <legend className="font-bold">扶養の継続</legend>
        <div className="grid grid-cols-2 gap-2">{radios("continuation", CONTINUATIONS)}</div>
        {errorText("continuation")}
      </fieldset>

      <div className={`space-y-4 rounded-lg border border-solid-gray-300 p-4 ${off(continuation === "remove") ?? ""}`} data-when="continuation=remove">
        <p className="text-sm">「外す」を選んだ方だけ入力してください。</p>
        <Field id="removalReason" label="外す理由" error={err("removalReason")}>
          {(a) => (
            <select {...a} name="removalReason" defaultValue={values.removalReason ?? ""} className={inputClass}>
              <option value="">選んでください</option>
              {Object.entries(REMOVAL_REASONS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="removalDate" label="外す日(就職日・結婚日など)" error={err("removalDate")}>
          {(a) => <input {...a} name="removalDate" type="date" defaultValue={values.removalDate} className={inputClass} />}
        </Field>
      </div>

      <div className={`space-y-6 ${off(continuation !== "remove") ?? ""}`} data-when="continuation!=remove">
        <Field id="occupation" label="職業" error={err("occupation")}>
          {(a) => (
            <select {...a} name="occupation" defaultValue={values.occupation ?? ""} className={inputClass}>
              <option value="">選んでください</option>
              {Object.entries(OCCUPATIONS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="annualIncome" label="年間収入見込額(円)" error={err("annualIncome")} hint="これから1年間の収入の見込み(給与・年金などすべて、税引き前)。収入がない場合は 0。">
          {(a) => <input {...a} name="annualIncome" inputMode="numeric" autoComplete="off" defaultValue={values.annualIncome} className={inputClass} />}
        </Field>
        <fieldset className="space-y-2" aria-describedby={err("incomeKinds") ? "incomeKinds-error" : undefined}>
          <legend className="font-bold">収入の種類(あてはまるものすべて)</legend>
          <div className="grid grid-cols-2 gap-2">
            {Object.entries(INCOME_KINDS).map(([k, l]) => (
              <label key={k} className="flex items-center gap-3 rounded-lg border border-solid-gray-600 p-3">
                <input type="checkbox" name={`income_${k}`} defaultChecked={values[`income_${k}`] === "on"} className="size-5" />
                {l}
              </label>
            ))}
          </div>
          {errorText("incomeKinds")}
        </fieldset>
        <label className="flex items-center gap-3 rounded-lg border border-solid-gray-600 p-3">
          <input type="checkbox" name="disabilityPension" defaultChecked={values.disabilityPension === "on"} className="size-5" />
          障害年金を受けている(または受けられる程度の障害がある)
        </label>

        <fieldset className="space-y-2">
          <legend className="font-bold">同居 / 別居</legend>
          <div className="grid grid-cols-2 gap-2">{radios("residence", RESIDENCES)}</div>
          {errorText("residence")}
        </fieldset>

        <div className={`space-y-4 rounded-lg border border-solid-gray-300 p-4 ${off(residence === "apart") ?? ""}`} data-when="residence=apart">
          <p className="text-sm">「別居」を選んだ方だけ入力してください。</p>
          <Field id="monthlyRemittance" label="仕送り額(月額・円)" error={err("monthlyRemittance")}>
            {(a) => <input {...a} name="monthlyRemittance" inputMode="numeric" autoComplete="off" defaultValue={values.monthlyRemittance} className={inputClass} />}
          </Field>
          <fieldset className="space-y-2" aria-describedby="remittanceMethod-note">
            <legend className="font-bold">送金方法</legend>
            <p id="remittanceMethod-note" className="text-sm">
              手渡しは送金の証明になりません。振込か現金書留で送り、その記録を提出してください。
            </p>
            <div className="grid grid-cols-2 gap-2">{radios("remittanceMethod", REMITTANCE_METHODS)}</div>
            {errorText("remittanceMethod")}
          </fieldset>
        </div>

        <section aria-live="polite" className="space-y-2 rounded-lg bg-blue-50 p-4">
          <h2 className="font-bold">収入の目安</h2>
          <p data-hint-limit="">{hints.limit}</p>
          <div className="space-y-2" data-hint-warnings="" data-note={WARNING_NOTE}>
            {hints.warnings.map((w) => (
              <p key={w} className="font-bold text-error-2" data-warning="">
                <span aria-hidden="true">⚠ </span>
                {w}
              </p>
            ))}
            {hints.warnings.length > 0 && <p className="text-sm">{WARNING_NOTE}</p>}
          </div>
        </section>
      </div>

      <Field id="rosterCorrection" label="登録内容の誤りを連絡する" error={err("rosterCorrection")} hint="氏名・カナ・生年月日・続柄に誤りがある場合だけ、正しい内容を書いてください。">
        {(a) => <textarea {...a} name="rosterCorrection" rows={3} maxLength={500} defaultValue={values.rosterCorrection} className={inputClass} />}
      </Field>

      <div className="grid grid-cols-2 gap-3">
        <button type="submit" name="intent" value="save" disabled={pending} className="rounded-lg border-2 border-blue-900 bg-white px-4 py-3 text-lg font-bold text-blue-900 disabled:opacity-60">
          保存
        </button>
        <button type="submit" name="intent" value="next" disabled={pending} className="rounded-lg bg-blue-900 px-4 py-3 text-lg font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
          次へ
        </button>
      </div>
    </form>
  );
}
