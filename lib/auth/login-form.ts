// The login form's post, from the request to its answer. Two callers answer it: the /login/submit
// route (the form's action, under `next dev` and any server but ours) and scripts/server.ts, which
// answers it before Next's router does (lib/http/fast-login.ts). A plain form post rather than a
// server action, and answered ahead of the router, because a login is mostly argon2 and the
// machinery around it (finding the action or route, building request objects, rendering an
// answer) cost as much CPU as the hash itself. Both callers run every rule below.
import "server-only";
import { parseCookie, stringifySetCookie, type SetCookie } from "cookie";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { login, type LoginResult } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/login-schema";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { systemClock } from "@/lib/clock";
import { env } from "@/lib/env";
import { lockedMessage, MESSAGES } from "@/lib/errors";
import { FORM_BODY_LIMIT } from "@/lib/http/body-limit";
import { flashCookie } from "@/lib/http/form-flash";
import { LEAN_POST_HEADER, type LeanAnswer } from "@/lib/http/lean-post";
import { sameOrigin } from "@/lib/uploads/same-origin";
import { errorFields, log } from "@/lib/log";
import { clientFrom } from "@/lib/request";

/** The cookie that carries a refused login's messages back to /login (lib/http/form-flash.ts). */
export const LOGIN_FLASH = "fuyo.login-flash";

export interface HeaderSource {
  get(name: string): string | null;
}

/** An answer either caller can send: a status, its headers and Set-Cookie lines, and a body. */
export interface PostAnswer {
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  body: string;
}

const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };

/** A post refused before its body is read (another site's page, or a body too large); else null. */
export function refuseLoginPost(headers: HeaderSource): PostAnswer | null {
  if (!sameOrigin(headers)) return { status: 403, headers: TEXT, setCookies: [], body: "このページからは送信できません。" };
  if (Number(headers.get("content-length") ?? 0) > FORM_BODY_LIMIT) return tooLarge();
  return null;
}

export function tooLarge(): PostAnswer {
  return { status: 413, headers: TEXT, setCookies: [], body: "入力内容が大きすぎます。" };
}

/**
 * Signed in: to the top page with the session cookie. Refused: back to /login with the messages in
 * a flash cookie, or, for the lean page's own post (lib/lean/submit.ts), the messages as JSON.
 */
export async function answerLoginPost(headers: HeaderSource, form: FormData): Promise<PostAnswer> {
  const result = await submitLogin(form, clientFrom(headers));
  const lean = headers.get(LEAN_POST_HEADER) !== null;
  if (result.ok) {
    const setCookies = [stringifySetCookie(result.cookie)];
    if (parseCookie(headers.get("cookie") ?? "")[LOGIN_FLASH] !== undefined) setCookies.push(stringifySetCookie({ name: LOGIN_FLASH, value: "", path: "/login", expires: new Date(0) }));
    return lean ? json({ redirect: "/" }, setCookies) : seeOther("/", setCookies);
  }
  if (lean) return json({ state: result.state }, []);
  const flash = flashCookie(LOGIN_FLASH, "/login", result.state);
  return seeOther("/login", [stringifySetCookie({ name: flash.name, value: flash.value, ...flash.options })]);
}

const json = (answer: LeanAnswer, setCookies: string[]): PostAnswer => ({ status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" }, setCookies, body: JSON.stringify(answer) });
const seeOther = (location: string, setCookies: string[]): PostAnswer => ({ status: 303, headers: { location, "cache-control": "no-store" }, setCookies, body: "" });

/** Signs the member in (a new session and its cookie) or says why not. */
async function submitLogin(formData: FormData, client: { ip: string; userAgent: string | null }): Promise<{ ok: true; cookie: SetCookie } | { ok: false; state: FormState }> {
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return parsed;
  const values = { userId: parsed.data.userId };
  try {
    const result = await login(await getDb(), systemClock, parsed.data, client);
    if (!result.ok) return { ok: false, state: { formError: refusal(result), values } };
    const session = await sessionCookie(env().AUTH_SECRET, result.memberId, result.sessionId);
    return { ok: true, cookie: { name: session.name, value: session.value, ...session.options } };
  } catch (error) {
    log.error(errorFields(error), "login: unexpected error");
    return { ok: false, state: { formError: MESSAGES.unexpected, values } };
  }
}

function refusal(result: Extract<LoginResult, { ok: false }>): string {
  if (result.reason === "locked") return lockedMessage(result.until);
  if (result.reason === "throttled") return MESSAGES.throttled;
  if (result.reason === "inactive") return MESSAGES.loginInactive;
  if (result.reason === "closed") return MESSAGES.loginClosed;
  return MESSAGES.loginInvalid;
}
