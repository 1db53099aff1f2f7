// Windowed counters in Postgres, so every app instance sees the same counts. Each count is one
// upsert (`… ON CONFLICT DO UPDATE … RETURNING`), and an attempt is counted before it is judged.
import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import { throttleCounters } from "@/db/schema";
import type { Clock } from "../clock";

export interface Limit {
  limit: number;
  windowMs: number;
}

function windowStart(clock: Clock, windowMs: number): Date {
  return new Date(Math.floor(clock.now().getTime() / windowMs) * windowMs);
}

/** Counts one event in a fixed window; returns the window's count including this one. */
export async function hit(db: DbOrTx, clock: Clock, key: string, { windowMs }: Limit): Promise<number> {
  const start = windowStart(clock, windowMs);
  const result = await db.execute(sql`
    insert into throttle_counters (key, window_start, count) values (${key}, ${start.toISOString()}, 1)
    on conflict (key, window_start) do update set count = throttle_counters.count + 1
    returning count`);
  return Number(rowsOf<{ count: number }>(result)[0].count);
}

export interface Taken {
  allowed: boolean;
  /** When a refused key may open again (its oldest counted bucket leaves the window). */
  retryAt: Date;
  /** The bucket this attempt was counted in, for giveBack(). */
  windowStart: Date;
}

/** A rolling window is kept as this many buckets, so it slides instead of resetting on the hour. */
const BUCKETS = 15;

/**
 * Counts one attempt FIRST, then decides, so a burst of parallel requests cannot all pass a check
 * made before any of them was counted: the upsert's row lock hands each attempt its own count.
 * Refused attempts are un-counted again, so a client that keeps knocking is not locked out longer
 * than the window; only attempts that proceed use up the allowance.
 */
export async function take(db: DbOrTx, clock: Clock, key: string, { limit, windowMs }: Limit): Promise<Taken> {
  const size = windowMs / BUCKETS;
  const now = clock.now().getTime();
  const bucket = new Date(Math.floor(now / size) * size);
  // One round trip: count this attempt in its bucket, and add up the window's earlier buckets.
  const [earlier] = rowsOf<{ current: number; total: string | number | null; oldest: Date | string | null }>(
    await db.execute(sql`
      with counted as (
        insert into throttle_counters (key, window_start, count) values (${key}, ${bucket.toISOString()}, 1)
        on conflict (key, window_start) do update set count = throttle_counters.count + 1
        returning count
      )
      select (select count from counted) as current, coalesce(sum(count), 0) as total, min(window_start) as oldest
        from throttle_counters
       where key = ${key} and window_start > ${new Date(now - windowMs).toISOString()} and window_start < ${bucket.toISOString()}`),
  );
  const current = Number(earlier.current);
  const allowed = current + Number(earlier?.total ?? 0) <= limit;
  const taken = { allowed, retryAt: new Date(new Date(earlier?.oldest ?? bucket).getTime() + windowMs), windowStart: bucket };
  if (!allowed) await giveBack(db, key, taken);
  return taken;
}

/** Un-counts an attempt that was refused, or turned out not to be a failure (a good login). */
export async function giveBack(db: DbOrTx, key: string, taken: Pick<Taken, "windowStart">): Promise<void> {
  await db.execute(sql`
    update throttle_counters set count = count - 1
     where key = ${key} and window_start = ${taken.windowStart.toISOString()} and count > 0`);
}

/** Housekeeping for the cron route: windows older than a day are no longer read. */
export async function pruneThrottles(db: DbOrTx, clock: Clock): Promise<void> {
  await db.delete(throttleCounters).where(lt(throttleCounters.windowStart, new Date(clock.now().getTime() - 86_400_000)));
}

const MINUTE = 60_000;
/** The limits in one place, so the numbers are reviewed together. */
export const LIMITS = {
  /** Failed logins per client address: generous, members share office networks. */
  loginPerClient: { limit: 50, windowMs: 15 * MINUTE },
  /** Failed roster matches per client address. */
  matchPerClient: { limit: 20, windowMs: 60 * MINUTE },
  /** Failed roster matches per typed 記号・番号 (guessing a known person's birth date). */
  matchPerEntry: { limit: 5, windowMs: 60 * MINUTE },
  /**
   * Requests for mail per client address: every mail a visitor's request sends (sign-up code and
   * its resend, forgot ID / password, email change code and resend, the account-locked notice).
   */
  mailPerClient: { limit: 20, windowMs: 60 * MINUTE },
  /**
   * Requests for mail per recipient address (case-insensitive), whoever asks: one roster row or one
   * client cannot turn the union's domain into a mail cannon aimed at one inbox. A member needs at
   * most 5 codes an hour (CODE_POLICY.perHour) plus a few reminders.
   */
  mailPerRecipient: { limit: 10, windowMs: 60 * MINUTE },
  /**
   * The outbox's own backstop (lib/email/outbox.ts): mails queued per address, whatever the caller,
   * notices included. Above mailPerRecipient, so only a bug or a new caller without limits meets it.
   */
  outboxPerRecipient: { limit: 20, windowMs: 60 * MINUTE },
} satisfies Record<string, Limit>;
