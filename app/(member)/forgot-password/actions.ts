"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requestPasswordReset, resetPassword } from "@/lib/account/forgot-password";
import { sealPending } from "@/lib/account/pending";
import { readPendingReset, RESET_COOKIE } from "@/lib/account/reset-cookie";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/account/schemas";
import { systemClock, MINUTE } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";

// Public: answers the same whether or not the account exists; its mail leaves after the response.
export async function requestResetAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  const result = await requestPasswordReset(db, systemClock, parsed.data, await currentClient());
  if (result.throttled) return { formError: MESSAGES.mailThrottled, values: parsed.data };
  deliverAfterResponse(db, result.outboxIds);
  (await cookies()).set(RESET_COOKIE, sealPending(parsed.data, 30 * MINUTE, systemClock.now()), {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/forgot-password",
    maxAge: 30 * 60,
  });
  redirect("/forgot-password/reset");
}

export async function resendResetAction(_prev: FormState): Promise<FormState> {
  const pending = await readPendingReset();
  if (!pending) redirect("/forgot-password");
  const db = await getDb();
  const result = await requestPasswordReset(db, systemClock, pending, await currentClient());
  if (result.throttled) return { formError: MESSAGES.mailThrottled };
  deliverAfterResponse(db, result.outboxIds);
  return { notice: "ご登録がある場合は、新しい認証番号をお送りしました。以前の認証番号は使えなくなります。" };
}

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const pending = await readPendingReset();
  if (!pending) redirect("/forgot-password");
  formData.set("userId", pending.userId);
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  const result = await resetPassword(db, systemClock, { ...pending, code: parsed.data.code, password: parsed.data.password }, await currentClient());
  if (!result.ok) return { fieldErrors: result.fieldErrors, formError: "入力内容を確認してください。" };
  deliverAfterResponse(db, result.outboxIds);
  (await cookies()).delete({ name: RESET_COOKIE, path: "/forgot-password" });
  redirect("/login?reason=reset");
}
