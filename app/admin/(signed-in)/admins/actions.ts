"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { createUnionAdmin, disableAdmin, resetAdminTotp } from "@/lib/admin/admins";
import { qrPath, type QrPath } from "@/lib/admin/qr";
import { requireOperator } from "@/lib/admin/require-admin";
import { adminSchema } from "@/lib/admin/schemas";
import { unionInScope } from "@/lib/admin/scope-params";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { COMMON_PASSWORD_MESSAGE, passwordProblem } from "@/lib/auth/password-policy";
import { systemClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { currentClient } from "@/lib/request";

/** The otpauth URI travels once, in this response only; it is never stored in plain text. */
export type AdminFormState = FormState & { otpauthUri?: string; otpauthQr?: QrPath; loginId?: string };

export async function createAdminAction(_: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const scope = await requireOperator();
  const parsed = parseForm(adminSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { loginId, email, password } = parsed.data;
  const values = { loginId, email, unionId: parsed.data.unionId };
  const problem = passwordProblem(password, loginId) ?? (isCommonPassword(password) ? COMMON_PASSWORD_MESSAGE : null);
  if (problem) return { fieldErrors: { password: problem }, formError: "入力内容を確認してください。", values };
  const unionId = unionInScope(scope, parsed.data.unionId);
  if (unionId === null) return { fieldErrors: { unionId: "健康保険組合が見つかりません。" }, formError: "入力内容を確認してください。", values };
  const { ip } = await currentClient();
  const result = await createUnionAdmin(await getDb(), systemClock, scope, { loginId, email, password, unionId }, { authSecret: env().AUTH_SECRET, ip });
  if (!result.ok) {
    if (result.reason === "login_id_taken") return { fieldErrors: { loginId: "この管理者IDはすでに使われています。" }, formError: "入力内容を確認してください。", values };
    return { fieldErrors: { unionId: "健康保険組合が見つかりません。" }, formError: "入力内容を確認してください。", values };
  }
  revalidatePath("/admin/admins");
  return { ok: true, notice: `管理者「${loginId}」を作成しました。`, otpauthUri: result.otpauthUri, otpauthQr: qrPath(result.otpauthUri), loginId };
}

const adminIdOf = (formData: FormData) => {
  const raw = String(formData.get("adminId") ?? "");
  return /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
};

export async function resetTotpAction(_: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const scope = await requireOperator();
  const { ip } = await currentClient();
  const result = await resetAdminTotp(await getDb(), systemClock, scope, adminIdOf(formData), { authSecret: env().AUTH_SECRET, ip });
  if (!result.ok) return { formError: "対象の管理者が見つかりません。" };
  revalidatePath("/admin/admins");
  return { ok: true, notice: "確認コードの設定をやり直しました。前の認証アプリの登録は使えません。", otpauthUri: result.otpauthUri, otpauthQr: result.otpauthUri ? qrPath(result.otpauthUri) : undefined };
}

export async function disableAdminAction(_: AdminFormState, formData: FormData): Promise<AdminFormState> {
  const scope = await requireOperator();
  const { ip } = await currentClient();
  const result = await disableAdmin(await getDb(), systemClock, scope, adminIdOf(formData), { ip });
  if (!result.ok) return { formError: result.reason === "self" ? "自分自身は利用停止にできません。" : "対象の管理者が見つかりません。" };
  revalidatePath("/admin/admins");
  return { ok: true, notice: "利用停止にしました。ログイン中の画面からもログアウトされます。" };
}
