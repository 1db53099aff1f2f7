"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";
import { matchRoster } from "@/lib/signup/match-roster";
import { SIGNUP_COOKIE, SIGNUP_TTL_MS } from "@/lib/signup/request";
import { rosterMatchSchema } from "@/lib/signup/schemas";

// Public endpoint: anyone may try a match; the throttles in matchRoster are its guard.
export async function matchRosterAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(rosterMatchSchema, formData);
  if (!parsed.ok) return parsed.state;
  const values = { ...parsed.data };
  const result = await matchRoster(await getDb(), systemClock, parsed.data, await currentClient());
  if (!result.ok) {
    const formError = {
      already_registered: MESSAGES.rosterAlreadyRegistered,
      throttled: MESSAGES.throttled,
      too_many_open: MESSAGES.signupTooManyOpen,
      no_match: MESSAGES.rosterNoMatch,
    }[result.reason];
    return { formError, values, ok: false, notice: result.reason === "already_registered" ? "registered" : undefined };
  }
  (await cookies()).set(SIGNUP_COOKIE, result.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production",
    path: "/signup",
    maxAge: SIGNUP_TTL_MS / 1000,
  });
  redirect("/signup/account");
}
