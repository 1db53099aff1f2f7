// The last 5 password hashes of a member (the current one included): a new password must differ
// from all of them (V-SYS: 「前回と同様のパスワードは使えません」).
import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { members, passwordHistory, sessions } from "@/db/schema";
import { hashPassword, verifyPassword } from "../auth/hash";
import type { Clock } from "../clock";

export const HISTORY_SIZE = 5;
export const REUSED_PASSWORD_MESSAGE = "以前に使ったパスワードは使えません。別のパスワードにしてください。";

export async function isReusedPassword(db: DbOrTx, memberId: number, password: string): Promise<boolean> {
  const recent = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.memberId, memberId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(HISTORY_SIZE);
  const results = await Promise.all(recent.map((r) => verifyPassword(r.hash, password)));
  return results.some(Boolean);
}

/**
 * Sets a new password: hash, history (pruned to the last 5), lock cleared, and every session of
 * the member ended except `keepSession` (the device that changed it, when logged in).
 */
export async function setPassword(
  tx: DbOrTx,
  clock: Clock,
  memberId: number,
  password: string,
  keepSession?: string,
): Promise<void> {
  const now = clock.now();
  const hash = await hashPassword(password);
  await tx.update(members).set({ passwordHash: hash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null }).where(eq(members.id, memberId));
  await tx.insert(passwordHistory).values({ memberId, passwordHash: hash, createdAt: now });
  const old = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.memberId, memberId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .offset(HISTORY_SIZE);
  if (old.length) await tx.delete(passwordHistory).where(inArray(passwordHistory.id, old.map((o) => o.id)));
  const live = and(eq(sessions.memberId, memberId), isNull(sessions.endedAt));
  await tx
    .update(sessions)
    .set({ endedAt: now, endReason: "password_changed" })
    .where(keepSession ? and(live, ne(sessions.id, keepSession)) : live);
}
