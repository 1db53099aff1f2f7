"use client";
import Link from "next/link";
import { useState } from "react";
import { Field, inputClass, SubmitButton } from "@/app/_components/field";
import { useEnhancedForm } from "@/app/_components/enhanced-form";
import { todayInJapan } from "@/lib/normalize";
import { rosterMatchCheck } from "@/lib/validation/checks";
import { eraLine } from "@/lib/validation/japanese-era";
import { matchRosterAction } from "./actions";

export function SignupForm() {
  const { state, pending, form, errorFor, formProps, value } = useEnhancedForm(rosterMatchCheck, matchRosterAction);
  const [birthDate, setBirthDate] = useState(value("birthDate") ?? "");
  return (
    <form {...formProps} data-lean="" data-check="rosterMatch" className="space-y-5">
      {/* One live region that is always present, so every message is announced. */}
      <div aria-live="assertive" aria-atomic="true">
        {state.formError && (
          <div className="rounded-lg border-2 border-error-1 bg-red-50 p-3">
            <p className="font-bold text-error-2">{state.formError}</p>
            {state.notice === "registered" && (
              <p className="mt-2 flex flex-wrap gap-4">
                <Link href="/login" className="text-blue-900 underline">ログイン画面へ</Link>
                <Link href="/forgot-id" className="text-blue-900 underline">ユーザーIDを忘れた方</Link>
              </p>
            )}
          </div>
        )}
      </div>
      <Field id="insurerCode" label="保険者指定コード" error={errorFor("insurerCode")} hint="健康保険組合からのお知らせに記載の英字です(例: jkc)。">
        {(aria) => <input {...aria} {...form.register("insurerCode")} defaultValue={value("insurerCode")} className={inputClass} autoComplete="off" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="symbol" label="記号" error={errorFor("symbol")} hint="健康保険証(資格確認書)の「記号」です。">
        {(aria) => <input {...aria} {...form.register("symbol")} defaultValue={value("symbol")} className={inputClass} autoComplete="off" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field id="number" label="番号" error={errorFor("number")} hint="健康保険証(資格確認書)の「番号」です。">
        {(aria) => <input {...aria} {...form.register("number")} defaultValue={value("number")} className={inputClass} autoComplete="off" autoCapitalize="none" spellCheck={false} />}
      </Field>
      <Field
        id="birthDate"
        label="生年月日"
        error={errorFor("birthDate")}
        after={<p className="text-sm text-solid-gray-700" aria-live="polite" data-era-for="birthDate">{eraLine(birthDate)}</p>}
      >
        {(aria) => (
          <input
            {...aria}
            {...form.register("birthDate")}
            onChange={(e) => setBirthDate(e.target.value)}
            type="date"
            min="1900-01-01"
            max={todayInJapan()}
            defaultValue={value("birthDate")}
            className={inputClass}
            autoComplete="bday"
          />
        )}
      </Field>
      <Field id="kanaName" label="氏名(カナ)" error={errorFor("kanaName")} hint="ひらがな・カタカナ(全角・半角)で入力してください。姓と名の間の空白はあってもなくてもかまいません。">
        {(aria) => <input {...aria} {...form.register("kanaName")} defaultValue={value("kanaName")} className={inputClass} autoComplete="off" placeholder="例: ケンポ タロウ" />}
      </Field>
      <SubmitButton pending={pending}>認証</SubmitButton>
    </form>
  );
}
