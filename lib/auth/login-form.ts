// The login form's post, from the form's fields to a session or the form's messages. Called by the
// /login/submit route (the form's action): a route handler, not a server action, because a login is
// mostly argon2 and the server-action machinery around it (finding the action, decoding its reply,
// rendering its answer) cost more CPU than the hash itself.
import "server-only";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { startMemberSession } from "@/lib/auth/auth";
import { login, type LoginResult } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/login-schema";
import { systemClock } from "@/lib/clock";
import { lockedMessage, MESSAGES } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { currentClient } from "@/lib/request";

/** The cookie that carries a refused login's messages back to /login (lib/http/form-flash.ts). */
export const LOGIN_FLASH = "fuyo.login-flash";

/** Signs the member in (the session cookie is set) or says why not. */
export async function submitLogin(formData: FormData): Promise<{ ok: true } | { ok: false; state: FormState }> {
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return parsed;
  const values = { userId: parsed.data.userId };
  let result: LoginResult;
  try {
    result = await login(await getDb(), systemClock, parsed.data, await currentClient());
    if (result.ok) await startMemberSession(result.memberId, result.sessionId);
  } catch (error) {
    log.error(errorFields(error), "login: unexpected error");
    return { ok: false, state: { formError: MESSAGES.unexpected, values } };
  }
  if (result.ok) return { ok: true };
  const formError =
    result.reason === "locked" ? lockedMessage(result.until) : result.reason === "throttled" ? MESSAGES.throttled : result.reason === "inactive" ? MESSAGES.loginInactive : result.reason === "closed" ? MESSAGES.loginClosed : MESSAGES.loginInvalid;
  return { ok: false, state: { formError, values } };
}
