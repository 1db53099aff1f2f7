// A sign-up in progress: created by a roster match, bound to the browser by a random token (only its
// SHA-256 is stored) and to the matched roster row, and valid for 30 minutes.
import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { signupRequests } from "@/db/schema";
import { MINUTE, type Clock } from "../clock";

export const SIGNUP_TTL_MS = 30 * MINUTE;
export const SIGNUP_COOKIE = "signup";

export const tokenHash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createSignupRequest(db: DbOrTx, clock: Clock, unionId: number, rosterEntryId: number) {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = clock.now();
  const [row] = await db
    .insert(signupRequests)
    .values({ tokenHash: tokenHash(token), unionId, rosterEntryId, createdAt: now, expiresAt: new Date(now.getTime() + SIGNUP_TTL_MS) })
    .returning();
  return { token, request: row };
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
