import "server-only";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { rosterEntries, unions } from "@/db/schema";
import { systemClock } from "../clock";
import { findSignupRequest, SIGNUP_COOKIE } from "./request";

/** The browser's sign-up in progress with its roster person and union, or null. */
export async function currentSignup() {
  const db = await getDb();
  const request = await findSignupRequest(db, systemClock, (await cookies()).get(SIGNUP_COOKIE)?.value);
  if (!request) return null;
  const [row] = await db
    .select({ entry: rosterEntries, union: unions })
    .from(rosterEntries)
    .innerJoin(unions, eq(unions.id, rosterEntries.unionId))
    .where(eq(rosterEntries.id, request.rosterEntryId));
  return row ? { request, ...row } : null;
}
