"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { startMemberSession } from "@/lib/auth/auth";
import { login, type LoginResult } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/login-schema";
import { systemClock } from "@/lib/clock";
import { lockedMessage, MESSAGES } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { currentClient } from "@/lib/request";

export async function loginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return parsed.state;
  const values = { userId: parsed.data.userId };
  let result: LoginResult;
  try {
    result = await login(await getDb(), systemClock, parsed.data, await currentClient());
    if (result.ok) await startMemberSession(result.memberId, result.sessionId);
  } catch (error) {
    log.error(errorFields(error), "login: unexpected error");
    return { formError: MESSAGES.unexpected, values };
  }
  if (result.ok) redirect("/");
  const formError =
    result.reason === "locked" ? lockedMessage(result.until) : result.reason === "throttled" ? MESSAGES.throttled : result.reason === "inactive" ? MESSAGES.loginInactive : result.reason === "closed" ? MESSAGES.loginClosed : MESSAGES.loginInvalid;
  return { formError, values };
}
