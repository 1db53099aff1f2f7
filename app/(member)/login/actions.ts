"use server";
import { AuthError } from "next-auth";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { parseForm, type FormState } from "@/lib/actions";
import { LoginRejected, signIn } from "@/lib/auth/auth";
import { loginSchema } from "@/lib/auth/login-schema";
import { lockedMessage, MESSAGES } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";

export async function loginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return parsed.state;
  const values = { userId: parsed.data.userId };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return {};
  } catch (error) {
    // A successful signIn ends in a redirect, thrown as NEXT_REDIRECT: let it through.
    if (isRedirectError(error)) throw error;
    if (error instanceof LoginRejected) {
      const r = error.result;
      const formError =
        r.reason === "locked" ? lockedMessage(r.until) : r.reason === "throttled" ? MESSAGES.throttled : r.reason === "inactive" ? MESSAGES.loginInactive : r.reason === "closed" ? MESSAGES.loginClosed : MESSAGES.loginInvalid;
      return { formError, values };
    }
    if (error instanceof AuthError) {
      log.error(errorFields(error), "login: unexpected auth error");
      return { formError: MESSAGES.unexpected, values };
    }
    throw error;
  }
}
