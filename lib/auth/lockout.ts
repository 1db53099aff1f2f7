// 10 consecutive failed logins lock an account for 1 hour. Each failure is counted by one UPDATE
// that only matches an unlocked row, so 50 parallel wrong passwords stop at exactly 10 and a
// success racing the 10th failure cannot slip through (the success update has the same guard).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import { HOUR, type Clock } from "../clock";

export const LOCKOUT = { maxFailures: 10, lockMs: HOUR } as const;

export type FailureResult = { counted: true; failures: number; lockedUntil: Date | null } | { counted: false };

export async function recordLoginFailure(db: DbOrTx, clock: Clock, table: "members" | "admins", id: number): Promise<FailureResult> {
  const now = clock.now().toISOString();
  const lockUntil = new Date(clock.now().getTime() + LOCKOUT.lockMs).toISOString();
  // A lock that has run out starts the count again at 1.
  const next = sql`(case when locked_until is not null and locked_until <= ${now} then 1 else failed_logins + 1 end)`;
  const result = await db.execute(sql`
    update ${sql.identifier(table)}
       set failed_logins = ${next},
           locked_until = case when ${next} >= ${LOCKOUT.maxFailures} then ${lockUntil}::timestamptz else null end
     where id = ${id} and (locked_until is null or locked_until <= ${now})
     returning failed_logins, locked_until`);
  const [row] = rowsOf<{ failed_logins: number; locked_until: Date | string | null }>(result);
  if (!row) return { counted: false };
  return { counted: true, failures: Number(row.failed_logins), lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
}

/** Resets the count on success; false when the account is (by now) locked. */
export async function recordLoginSuccess(db: DbOrTx, clock: Clock, table: "members" | "admins", id: number): Promise<boolean> {
  const now = clock.now().toISOString();
  const extra = table === "members" ? sql`, last_login_at = ${now}` : sql``;
  const result = await db.execute(sql`
    update ${sql.identifier(table)} set failed_logins = 0, locked_until = null ${extra}
     where id = ${id} and (locked_until is null or locked_until <= ${now})
     returning id`);
  return rowsOf(result).length === 1;
}

/** Clears a lock (password reset, admin unlock). */
export async function clearLock(db: DbOrTx, table: "members" | "admins", id: number): Promise<void> {
  await db.execute(sql`update ${sql.identifier(table)} set failed_logins = 0, locked_until = null where id = ${id}`);
}
