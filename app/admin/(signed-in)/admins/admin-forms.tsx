"use client";
import { useActionState } from "react";
import { Field, FormMessage, inputClass } from "@/app/_components/field";
import type { QrPath } from "@/lib/admin/qr";
import type { UnionChoice } from "@/lib/admin/unions";
import { createAdminAction, disableAdminAction, resetTotpAction, type AdminFormState } from "./actions";

const initial: AdminFormState = {};
const submitClass = "rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60";

/** The otpauth URI, shown once: it is in this response only. */
function OtpauthOnce({ uri, qr, loginId }: { uri: string; qr?: QrPath; loginId?: string }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border-2 border-success-1 bg-green-50 p-4">
      <p className="font-bold">
        {loginId ? `「${loginId}」の` : ""}認証アプリでこの QR コードを読み取るか、次の URI を登録してもらってください。この表示は一度だけです。
      </p>
      {qr && (
        <svg viewBox={`0 0 ${qr.size} ${qr.size}`} className="h-56 w-56 bg-white" role="img" aria-label="確認コード設定用の QR コード" shapeRendering="crispEdges">
          <path d={qr.d} fill="#000" />
        </svg>
      )}
      <p className="break-all font-mono text-sm">{uri}</p>
    </div>
  );
}

export function CreateAdminForm({ unions }: { unions: UnionChoice[] }) {
  const [state, action, pending] = useActionState(createAdminAction, initial);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <div className="space-y-4">
      {state.otpauthUri && <OtpauthOnce uri={state.otpauthUri} qr={state.otpauthQr} loginId={state.loginId} />}
      <form action={action} className="max-w-xl space-y-4" noValidate key={state.ok ? state.otpauthUri : undefined}>
        <Field id="new-admin-union" label="健康保険組合" error={state.fieldErrors?.unionId}>
          {(aria) => (
            <select {...aria} name="unionId" defaultValue={v.unionId ?? ""} className={inputClass}>
              <option value="">選んでください</option>
              {unions.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}({u.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-admin-login-id" label="管理者ID" error={state.fieldErrors?.loginId} hint="半角の英字・数字・記号(@ - _ . +)で 6〜50 文字">
          {(aria) => <input {...aria} name="loginId" maxLength={50} autoComplete="off" defaultValue={v.loginId ?? ""} className={inputClass} />}
        </Field>
        <Field id="new-admin-email" label="メールアドレス" error={state.fieldErrors?.email}>
          {(aria) => <input {...aria} name="email" type="email" maxLength={254} autoComplete="off" defaultValue={v.email ?? ""} className={inputClass} />}
        </Field>
        <Field id="new-admin-password" label="パスワード(初期)" error={state.fieldErrors?.password} hint="8〜20 文字、英字・数字・記号をそれぞれ 1 文字以上。本人に安全な方法で伝えてください。">
          {(aria) => <input {...aria} name="password" type="password" maxLength={40} autoComplete="new-password" className={inputClass} />}
        </Field>
        <FormMessage error={state.formError} notice={state.ok ? undefined : state.notice} />
        <button type="submit" disabled={pending} className={submitClass}>
          作成する
        </button>
      </form>
    </div>
  );
}

export function AdminRowActions({ adminId, loginId, disabled }: { adminId: number; loginId: string; disabled: boolean }) {
  const [reset, resetAction, resetting] = useActionState(resetTotpAction, initial);
  const [off, offAction, disabling] = useActionState(disableAdminAction, initial);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <form action={resetAction}>
          <input type="hidden" name="adminId" value={adminId} />
          <button type="submit" disabled={resetting} className="rounded-lg border border-blue-900 px-3 py-1 font-bold text-blue-900 hover:bg-blue-50 disabled:opacity-60">
            確認コードを再設定<span className="sr-only">({loginId})</span>
          </button>
        </form>
        {!disabled && (
          <form action={offAction}>
            <input type="hidden" name="adminId" value={adminId} />
            <button type="submit" disabled={disabling} className="rounded-lg border border-error-1 px-3 py-1 font-bold text-error-2 hover:bg-red-50 disabled:opacity-60">
              利用停止<span className="sr-only">({loginId})</span>
            </button>
          </form>
        )}
      </div>
      {reset.otpauthUri && <OtpauthOnce uri={reset.otpauthUri} qr={reset.otpauthQr} loginId={loginId} />}
      <FormMessage error={reset.formError ?? off.formError} notice={reset.otpauthUri ? undefined : off.notice} />
    </div>
  );
}
