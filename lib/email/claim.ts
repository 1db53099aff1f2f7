// Claiming due outbox rows: the only place that decides who sends what. See deliver.ts for the
// whole exactly-once argument; this file is the lock and the lease.
import { and, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { emailOutbox } from "@/db/schema";
import { MINUTE, systemClock, type Clock } from "@/lib/clock";
import { bodyOnceDone, giveUpDeadCodeMails } from "./code-mail";

export const MAX_ATTEMPTS = 8;
/** Longer than a batch can take (sends time out; deliver.ts hands rows back at half the lease). */
export const LEASE_MS = 5 * MINUTE;

export type OutboxRow = typeof emailOutbox.$inferSelect;

/**
 * One statement, so one short transaction: lock due rows other callers have not locked, and mark
 * them ours. Exported for tests that simulate a sender crashing after the claim.
 */
export async function claimDue(
  db: DbOrTx,
  opts: { clock?: Clock; limit?: number; leaseMs?: number; maxAttempts?: number; ids?: number[] },
): Promise<OutboxRow[]> {
  const now = (opts.clock ?? systemClock).now();
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? LEASE_MS));

  // A lease that ran out on the last allowed attempt: the sender died; give up on the row.
  await db
    .update(emailOutbox)
    .set({ status: "failed", lastError: sql`coalesce(${emailOutbox.lastError} || ' / ', '') || 'lease expired on the last attempt'`, ...bodyOnceDone })
    .where(and(eq(emailOutbox.status, "sending"), lte(emailOutbox.nextAttemptAt, now), gte(emailOutbox.attempts, maxAttempts)));
  // A 認証番号 that can no longer be entered is not worth delivering (nor keeping readable).
  await giveUpDeadCodeMails(db, now, opts.ids);

  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        // `sending` with next_attempt_at in the past is a lease that ran out.
        inArray(emailOutbox.status, ["pending", "sending"]),
        lte(emailOutbox.nextAttemptAt, now),
        lt(emailOutbox.attempts, maxAttempts),
        opts.ids ? inArray(emailOutbox.id, opts.ids) : undefined,
      ),
    )
    .orderBy(emailOutbox.nextAttemptAt, emailOutbox.id)
    .limit(opts.limit ?? 10)
    .for("update", { skipLocked: true });

  const claimed = await db
    .update(emailOutbox)
    .set({ status: "sending", attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(inArray(emailOutbox.id, due))
    .returning();
  // RETURNING has no order; oldest first is the order they were queued in.
  return claimed.sort((a, b) => a.id - b.id);
}
