"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { changePassword } from "@/lib/account/change-password";
import { confirmEmailChange, requestEmailChange, resendEmailChangeCode } from "@/lib/account/change-email";
import { changeEmailSchema, changePasswordSchema, emailCodeSchema } from "@/lib/account/schemas";
import { requireMember } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { mailLimitMessage, MESSAGES, waitMessage } from "@/lib/errors";
import { currentClient } from "@/lib/request";

// Each action resolves the signed-in member itself: a server action is a public POST endpoint.

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { member, sessionId } = await requireMember();
  formData.set("userId", member.userId);
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  const result = await changePassword(db, systemClock, member, sessionId, parsed.data, await currentClient());
  if (!result.ok) return { fieldErrors: result.fieldErrors, formError: result.formError ?? "入力内容を確認してください。" };
  deliverAfterResponse(db, result.outboxIds);
  return { ok: true, notice: "パスワードを変更しました。ほかの端末でログインしていた場合は、ログアウトしました。" };
}

export async function changeEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { member } = await requireMember();
  const parsed = parseForm(changeEmailSchema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await requestEmailChange(await getDb(), systemClock, member, parsed.data, await currentClient());
  const values = { email: parsed.data.email };
  if (!result.ok) {
    if ("wait" in result) return { formError: waitMessage(result.wait, systemClock.now()), values };
    if ("mailLimit" in result) return { formError: mailLimitMessage(result.mailLimit), values };
    return { fieldErrors: result.fieldErrors, formError: result.formError ?? "入力内容を確認してください。", values };
  }
  redirect(result.mailSent ? "/account/email" : "/account/email?mail=failed");
}

export async function confirmEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { member } = await requireMember();
  const parsed = parseForm(emailCodeSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  const result = await confirmEmailChange(db, systemClock, member, parsed.data.code, await currentClient());
  if (!result.ok) return { fieldErrors: result.fieldErrors, formError: result.formError };
  deliverAfterResponse(db, result.outboxIds);
  redirect("/account?changed=email");
}

export async function resendEmailCodeAction(_prev: FormState): Promise<FormState> {
  const { member } = await requireMember();
  const result = await resendEmailChangeCode(await getDb(), systemClock, member, await currentClient());
  if (!result) redirect("/account");
  if (!result.ok) return { formError: "mailLimit" in result ? mailLimitMessage(result.mailLimit) : waitMessage(result.wait, systemClock.now()) };
  if (!result.mailSent) return { formError: MESSAGES.mailFailed };
  return { notice: "新しい認証番号を送信しました。以前の認証番号は使えなくなりました。" };
}
