"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { mailLimitMessage, MESSAGES, waitMessage } from "@/lib/errors";
import { codeMessage } from "@/lib/codes/messages";
import { currentClient } from "@/lib/request";
import { completeSignup } from "@/lib/signup/complete-signup";
import { currentSignup } from "@/lib/signup/current-request";
import { SIGNUP_COOKIE } from "@/lib/signup/request";
import { verifySchema } from "@/lib/signup/schemas";
import { sendSignupCode } from "@/lib/signup/send-code";

async function readySignup() {
  const signup = await currentSignup();
  if (!signup) redirect("/signup?expired=1");
  if (!signup.request.email) redirect("/signup/account");
  return signup;
}

export async function verifyCodeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const signup = await readySignup();
  const parsed = parseForm(verifySchema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await completeSignup(await getDb(), systemClock, signup.request, parsed.data.code, await currentClient());
  if (result.ok) {
    (await cookies()).delete({ name: SIGNUP_COOKIE, path: "/signup" });
    redirect("/login?created=1");
  }
  switch (result.reason) {
    case "code":
      return { fieldErrors: { code: codeMessage(result.code) } };
    case "user_id_taken":
      return { formError: `${MESSAGES.userIdTaken}(「キャンセル」からユーザーIDを変更できます。)` };
    case "already_registered":
      return { formError: MESSAGES.rosterAlreadyRegistered };
    case "roster_inactive":
      return { formError: MESSAGES.loginInactive };
  }
}

export async function resendCodeAction(_prev: FormState): Promise<FormState> {
  const signup = await readySignup();
  const result = await sendSignupCode(await getDb(), systemClock, signup.request, await currentClient());
  if (!result.ok) return { formError: "mailLimit" in result ? mailLimitMessage(result.mailLimit) : waitMessage(result.wait, systemClock.now()) };
  if (!result.mailSent) return { formError: MESSAGES.mailFailed };
  return { notice: "新しい認証番号を送信しました。以前の認証番号は使えなくなりました。" };
}
