"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { adminLogin } from "@/lib/admin/login";
import { adminLoginSchema } from "@/lib/admin/login-schema";
import { ADMIN_MESSAGES, adminLockedMessage } from "@/lib/admin/messages";
import { adminCookieName, adminCookieOptions } from "@/lib/admin/sessions";
import { systemClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";

export async function adminLoginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(adminLoginSchema, formData);
  if (!parsed.ok) return parsed.state;
  const values = { loginId: parsed.data.loginId };
  const result = await adminLogin(await getDb(), systemClock, env().AUTH_SECRET, parsed.data, await currentClient());
  if (!result.ok) {
    const formError =
      result.reason === "locked" ? adminLockedMessage(result.until) : result.reason === "throttled" ? MESSAGES.throttled : result.reason === "disabled" ? ADMIN_MESSAGES.loginDisabled : ADMIN_MESSAGES.loginInvalid;
    return { formError, values };
  }
  (await cookies()).set(adminCookieName(), result.token, adminCookieOptions());
  redirect("/admin");
}
