// The dashboard's figures for a set of unions (one union, or all of an operator's): roster
// insured persons, accounts, consent to each union's current 利用規約, locked accounts, and
// sign-ups per day in Japan time, each scoped in its WHERE. Accounts, consents and sign-ups per day
// come from the counter tables the database keeps exact (migration 0007: statement triggers on
// members and terms_consents), so the page reads a few dozen rows whatever the union's size; the
// insured count is an index-only scan of a partial index, and locked accounts a partial index.
import { and, count, eq, gt, gte, inArray, sql, sum } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { members, rosterEntries, signupCounts, termsConsentCounts, termsVersions } from "@/db/schema";
import type { Clock } from "../clock";
import type { AdminScope } from "./scope";
import { inUnions } from "./scope-params";

export interface DashboardStats {
  insured: number;
  accounts: number;
  consented: number;
  locked: number;
}

/** The union ids to count: `unionIds` narrowed to the scope (never widened by it). */
const within = (scope: AdminScope, unionIds: number[]) => unionIds.filter((id) => scope.unionIds.includes(id));

export async function dashboardStats(db: Db, clock: Clock, scope: AdminScope, unionIds: number[]): Promise<DashboardStats> {
  const ids = within(scope, unionIds);
  const now = clock.now();
  const current = db
    .selectDistinctOn([termsVersions.unionId], { id: termsVersions.id })
    .from(termsVersions)
    .where(inUnions(termsVersions.unionId, ids))
    .orderBy(termsVersions.unionId, sql`${termsVersions.version} desc`);
  const [[insured], [accounts], [consented], [locked]] = await Promise.all([
    db.select({ n: count() }).from(rosterEntries).where(and(inUnions(rosterEntries.unionId, ids), eq(rosterEntries.isInsured, true), eq(rosterEntries.active, true))),
    // Accounts closed by a next-year reset are subtracted (their sign-up day still counts in the chart).
    db.select({ n: sql<number>`sum(${signupCounts.n} - ${signupCounts.closed})`.mapWith(Number) }).from(signupCounts).where(inUnions(signupCounts.unionId, ids)),
    // A union's terms versions are consented to by its own members only; `current` is scoped.
    db.select({ n: sum(termsConsentCounts.n).mapWith(Number) }).from(termsConsentCounts).where(inArray(termsConsentCounts.termsVersionId, current)),
    db.select({ n: count() }).from(members).where(and(inUnions(members.unionId, ids), gt(members.lockedUntil, now))),
  ]);
  return { insured: insured.n, accounts: accounts.n ?? 0, consented: consented.n ?? 0, locked: locked.n };
}

export interface DayCount {
  /** YYYY-MM-DD in Japan time. */
  day: string;
  count: number;
}

const jstDay = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);

/** Sign-ups (accounts created) per Japan day for the last `days` days, today included, zeros filled in. */
export async function signupsPerDay(db: Db, clock: Clock, scope: AdminScope, unionIds: number[], days = 30): Promise<DayCount[]> {
  const ids = within(scope, unionIds);
  const today = jstDay(clock.now());
  const first = new Date(`${today}T00:00:00+09:00`);
  first.setUTCDate(first.getUTCDate() - (days - 1));
  const day = sql<string>`to_char(${signupCounts.day}, 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, n: sum(signupCounts.n).mapWith(Number) })
    .from(signupCounts)
    .where(and(inUnions(signupCounts.unionId, ids), gte(signupCounts.day, jstDay(first))))
    .groupBy(signupCounts.day);
  const byDay = new Map(rows.map((r) => [r.day, r.n]));
  return Array.from({ length: days }, (_, i) => {
    const d = jstDay(new Date(first.getTime() + i * 86_400_000));
    return { day: d, count: byDay.get(d) ?? 0 };
  });
}
