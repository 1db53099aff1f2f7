// Windowed counters in Postgres, so every app instance sees the same counts. Each hit is one
// upsert (`… ON CONFLICT DO UPDATE … RETURNING`), never a read followed by a write.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
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

/** Counts one event; returns the count in the current window including this one. */
export async function hit(db: DbOrTx, clock: Clock, key: string, { windowMs }: Limit): Promise<number> {
  const start = windowStart(clock, windowMs);
  const result = await db.execute(sql`
    insert into throttle_counters (key, window_start, count) values (${key}, ${start.toISOString()}, 1)
    on conflict (key, window_start) do update set count = throttle_counters.count + 1
    returning count`);
  return Number(rowsOf<{ count: number }>(result)[0].count);
}

/**
 * When the key is over its limit: the time it may open again; otherwise null. A sliding-window
 * estimate (the previous window's count weighted by how much of it still overlaps, plus the
 * current one), so a burst cannot double its allowance around a window boundary.
 */
export async function blockedUntil(db: DbOrTx, clock: Clock, key: string, { limit, windowMs }: Limit): Promise<Date | null> {
  const start = windowStart(clock, windowMs);
  const previous = new Date(start.getTime() - windowMs);
  const rows = await db
    .select({ windowStart: throttleCounters.windowStart, count: throttleCounters.count })
    .from(throttleCounters)
    .where(and(eq(throttleCounters.key, key), inArray(throttleCounters.windowStart, [previous, start])));
  const countAt = (at: Date) => rows.find((r) => r.windowStart.getTime() === at.getTime())?.count ?? 0;
  const overlap = 1 - (clock.now().getTime() - start.getTime()) / windowMs;
  const estimate = Math.ceil(countAt(previous) * overlap + countAt(start));
  return estimate >= limit ? new Date(start.getTime() + windowMs) : null;
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
  /** Mail-sending requests (forgot ID / password) per client address. */
  mailPerClient: { limit: 20, windowMs: 60 * MINUTE },
} satisfies Record<string, Limit>;
