// A form's messages carried across the redirect that follows a refused post to a route handler
// (post, redirect, get): the route sets this short-lived cookie, the page it redirects to reads it.
// The values in it are the ones the page may echo (never a password: echoValues() leaves them out).
import type { FormState } from "@/lib/actions";

const MAX_AGE_S = 60;

export function flashCookie(name: string, path: string, state: FormState): { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: string; maxAge: number; secure: boolean } } {
  const value = Buffer.from(JSON.stringify({ formError: state.formError, fieldErrors: state.fieldErrors, values: state.values })).toString("base64url");
  return { name, value, options: { httpOnly: true, sameSite: "lax", path, maxAge: MAX_AGE_S, secure: process.env.NODE_ENV === "production" } };
}

const strings = (v: unknown): Record<string, string> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string")) : undefined;

/** The state in a flash cookie's value; anything unreadable is no state. */
export function readFlash(value: string | undefined): FormState {
  if (!value) return {};
  try {
    const raw = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Record<string, unknown>;
    return { formError: typeof raw.formError === "string" ? raw.formError : undefined, fieldErrors: strings(raw.fieldErrors), values: strings(raw.values) };
  } catch {
    return {};
  }
}
