"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { echoValues, parseForm, type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { mailLimitMessage, waitMessage } from "@/lib/errors";
import { currentClient } from "@/lib/request";
import { currentSignup } from "@/lib/signup/current-request";
import { saveAccount } from "@/lib/signup/save-account";
import { accountSchema } from "@/lib/signup/schemas";

// Public endpoint, but bound server-side to the browser's roster match (cookie → signup_requests).
export async function saveAccountAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const signup = await currentSignup();
  if (!signup) redirect("/signup?expired=1");
  const parsed = parseForm(accountSchema, formData);
  if (!parsed.ok) return parsed.state;
  const result = await saveAccount(await getDb(), systemClock, signup.request, parsed.data, await currentClient());
  if (!result.ok) {
    if ("fieldErrors" in result) return { fieldErrors: result.fieldErrors, formError: "入力内容を確認してください。", values: echoValues(formData) };
    if ("mailLimit" in result) return { formError: mailLimitMessage(result.mailLimit), values: echoValues(formData) };
    return { formError: waitMessage(result.wait, systemClock.now()), values: echoValues(formData) };
  }
  redirect(result.mailSent ? "/signup/verify" : "/signup/verify?mail=failed");
}
