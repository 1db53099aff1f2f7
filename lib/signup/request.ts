// A sign-up in progress: created by a roster match, bound to the browser by a random token (only its
// SHA-256 is stored) and to the matched roster row, and valid for 30 minutes. A roster row has at
// most a few open requests at once (each one can mail codes), and stale ones are pruned.
import crypto from "node:crypto";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { rowsOf, type Db, type DbOrTx } from "@/db/connect";
import { signupRequests } from "@/db/schema";
import { HOUR, MINUTE, type Clock } from "../clock";

export const SIGNUP_TTL_MS = 30 * MINUTE;
export const SIGNUP_COOKIE = "signup";
/** Open (uncompleted, unexpired) requests one roster row may have at once. */
export const MAX_OPEN_SIGNUPS_PER_ENTRY = 3;
/** Expired (or completed) requests are deleted this long after they expired. */
export const SIGNUP_RETENTION_MS = 24 * HOUR;

export const tokenHash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A new request, or null when the roster row already has MAX_OPEN_SIGNUPS_PER_ENTRY open ones. */
export async function createSignupRequest(db: Db, clock: Clock, unionId: number, rosterEntryId: number) {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = clock.now();
  return db.transaction(async (tx) => {
    // Serialise matches of one roster row, so parallel matches cannot all pass the count below.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signup-request:${rosterEntryId}`}))`);
    const [open] = await tx
      .select({ n: count() })
      .from(signupRequests)
      .where(and(eq(signupRequests.rosterEntryId, rosterEntryId), isNull(signupRequests.completedAt), gt(signupRequests.expiresAt, now)));
    if (Number(open.n) >= MAX_OPEN_SIGNUPS_PER_ENTRY) return null;
    const [row] = await tx
      .insert(signupRequests)
      .values({ tokenHash: tokenHash(token), unionId, rosterEntryId, createdAt: now, expiresAt: new Date(now.getTime() + SIGNUP_TTL_MS) })
      .returning();
    return { token, request: row };
  });
}

/**
 * Housekeeping: deletes requests that expired more than SIGNUP_RETENTION_MS ago (a completed request
 * expires 30 minutes after its match like any other; its account lives on in members), with their
 * sign-up codes, which nothing can reach any more.
 */
export async function pruneSignupRequests(db: DbOrTx, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - SIGNUP_RETENTION_MS).toISOString();
  const result = await db.execute(sql`
    with gone as (delete from signup_requests where expires_at < ${before} returning id),
         codes as (delete from one_time_codes where purpose = 'signup' and subject in (select 'signup:' || id from gone) returning id)
    select (select count(*) from gone) as requests, (select count(*) from codes) as codes`);
  return Number(rowsOf<{ requests: string | number }>(result)[0]?.requests ?? 0);
}

export type SignupRequest = typeof signupRequests.$inferSelect;

/** The live (unexpired, uncompleted) request for a browser token, or null. */
export async function findSignupRequest(db: DbOrTx, clock: Clock, token: string | undefined): Promise<SignupRequest | null> {
  if (!token) return null;
  const [row] = await db
    .select()
    .from(signupRequests)
    .where(and(eq(signupRequests.tokenHash, tokenHash(token)), gt(signupRequests.expiresAt, clock.now()), isNull(signupRequests.completedAt)));
  return row ?? null;
}

export const signupSubject = (request: { id: number }) => `signup:${request.id}`;
