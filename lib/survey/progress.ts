// The progress of a survey for the union (issue 10): counts and rates by status, "no account yet",
// and a filterable, paginated list of insured persons with their deadline risk. The caller has
// found the survey with findSurvey() (scoped); every query here is keyed by that survey's id.
import { and, asc, count, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/connect";
import { rosterEntries, surveyDayCounts, surveyProgressCounts, surveyResponses } from "@/db/schema";
import { searchCondition } from "../admin/members/search";
import { todayInJapan } from "../validation/fields";
import type { Survey } from "./admin-surveys";
import { RESPONSE_STATUSES, type ResponseStatus } from "./status";

export const PROGRESS_PAGE_SIZE = 50;

export const PROGRESS_FILTERS = [...RESPONSE_STATUSES, "no_account"] as const;
export type ProgressFilter = (typeof PROGRESS_FILTERS)[number];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** `?status=&q=&page=`; anything malformed falls back to the default. */
export const progressParams = z.object({
  status: z.preprocess(first, z.enum(PROGRESS_FILTERS).optional().catch(undefined)),
  q: z.preprocess(first, z.string().trim().max(100).catch("")).default(""),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type ProgressParams = z.output<typeof progressParams>;

export interface ProgressCounts {
  total: number;
  byStatus: Record<ResponseStatus, number>;
  noAccount: number;
}

/**
 * Read off survey_progress_counts (≤ 5 rows), which the triggers of migration
 * survey_progress_triggers keep equal to counting the live responses and their has_account.
 */
export async function progressCounts(db: DbOrTx, surveyId: number): Promise<ProgressCounts> {
  const rows = await db
    .select({ status: surveyProgressCounts.status, n: surveyProgressCounts.n, noAccount: surveyProgressCounts.noAccount })
    .from(surveyProgressCounts)
    .where(eq(surveyProgressCounts.surveyId, surveyId));
  const byStatus = Object.fromEntries(RESPONSE_STATUSES.map((s) => [s, 0])) as Record<ResponseStatus, number>;
  let total = 0;
  let noAccount = 0;
  for (const r of rows) {
    if ((RESPONSE_STATUSES as readonly string[]).includes(r.status)) byStatus[r.status as ResponseStatus] += Number(r.n);
    total += Number(r.n);
    noAccount += Number(r.noAccount);
  }
  return { total, byStatus, noAccount };
}

export const rate = (n: number, total: number) => (total ? `${((n / total) * 100).toFixed(1)}%` : "—");

/** Whole days from today (JST) to the last day, inclusive: 1 on the last day, 0 after it. */
export function daysLeft(survey: Pick<Survey, "closesOn">, now: Date): number {
  const today = todayInJapan(now);
  const ms = Date.parse(`${survey.closesOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000) + 1);
}

/** Not submitted with a week or less left. */
export const atRisk = (status: string, left: number) => (status === "not_started" || status === "in_progress" || status === "returned") && left <= 7;

export interface ProgressRow {
  responseId: number;
  symbol: string;
  number: string;
  name: string;
  kanaName: string;
  status: ResponseStatus;
  hasAccount: boolean;
  submittedAt: Date | null;
  updatedAt: Date;
}

function filterCondition(surveyId: number, p: ProgressParams): SQL {
  const conditions: (SQL | undefined)[] = [
    eq(surveyResponses.surveyId, surveyId),
    isNull(surveyResponses.removedAt),
    // Always true for a response's insured row; stated so that the list can walk the roster's
    // (union, 記号, 番号, 枝番) index in page order instead of sorting every household first.
    eq(rosterEntries.unionId, sql`(select s.union_id from surveys s where s.id = ${surveyId})`),
    eq(rosterEntries.branch, "00"),
  ];
  if (p.status === "no_account") conditions.push(eq(surveyResponses.hasAccount, false));
  else if (p.status) conditions.push(eq(surveyResponses.status, p.status));
  conditions.push(searchCondition(p.q));
  return and(...conditions)!;
}

/** How many rows a filter without a search matches, read off the counts the page already has. */
export function filteredTotal(counts: ProgressCounts, p: ProgressParams): number | undefined {
  if (p.q) return undefined;
  if (!p.status) return counts.total;
  return p.status === "no_account" ? counts.noAccount : counts.byStatus[p.status];
}

/**
 * A page of the list. `knownTotal` (from filteredTotal) saves the count query: at 100,000
 * households it is a full join of the survey's responses with the roster. 「アカウント未登録」 reads
 * survey_responses.has_account (kept by triggers), so no filter joins the accounts.
 */
export async function progressList(db: DbOrTx, surveyId: number, p: ProgressParams, knownTotal?: number): Promise<{ rows: ProgressRow[]; total: number; pages: number; page: number }> {
  const where = filterCondition(surveyId, p);
  const base = () =>
    db
      .select({
        responseId: surveyResponses.id,
        symbol: rosterEntries.symbol,
        number: rosterEntries.number,
        name: rosterEntries.name,
        kanaName: rosterEntries.kanaName,
        status: surveyResponses.status,
        hasAccount: surveyResponses.hasAccount,
        submittedAt: surveyResponses.submittedAt,
        updatedAt: surveyResponses.updatedAt,
      })
      .from(surveyResponses)
      .innerJoin(rosterEntries, eq(rosterEntries.id, surveyResponses.insuredEntryId));
  const total =
    knownTotal ??
    Number(
      (
        await db
          .select({ n: count() })
          .from(surveyResponses)
          .innerJoin(rosterEntries, eq(rosterEntries.id, surveyResponses.insuredEntryId))
          .where(where)
      )[0].n,
    );
  const pages = Math.max(1, Math.ceil(total / PROGRESS_PAGE_SIZE));
  const page = Math.min(p.page, pages);
  const rows = await base()
    .where(where)
    .orderBy(asc(rosterEntries.unionId), asc(rosterEntries.symbol), asc(rosterEntries.number), asc(rosterEntries.branch))
    .limit(PROGRESS_PAGE_SIZE)
    .offset((page - 1) * PROGRESS_PAGE_SIZE);
  return {
    rows: rows.map((r) => ({ responseId: r.responseId, symbol: r.symbol, number: r.number, name: r.name, kanaName: r.kanaName, status: r.status as ResponseStatus, hasAccount: r.hasAccount, submittedAt: r.submittedAt, updatedAt: r.updatedAt })),
    total,
    pages,
    page,
  };
}

export interface DayProgress {
  /** YYYY-MM-DD, Japan time. */
  day: string;
  /** Cumulative at the end of the day: households that have submitted (latest submission), approved. */
  submitted: number;
  approved: number;
}

const DAY_MS = 86_400_000;
const MAX_DAYS = 400;

/**
 * Submitted and approved households per day over the window (from the first day to today or the
 * last day), cumulative. Read off survey_day_counts (one row per day with any, kept by the
 * triggers of migration survey_day_count_triggers), so the cost grows with the days, not with
 * the households.
 */
export async function progressByDay(db: DbOrTx, survey: Pick<Survey, "id" | "opensOn" | "closesOn">, now: Date): Promise<DayProgress[]> {
  const today = todayInJapan(now);
  const last = today < survey.closesOn ? today : survey.closesOn;
  if (last < survey.opensOn) return [];
  const rows = await db
    .select({ day: surveyDayCounts.day, submitted: surveyDayCounts.submitted, approved: surveyDayCounts.approved })
    .from(surveyDayCounts)
    .where(eq(surveyDayCounts.surveyId, survey.id));
  const start = Date.parse(`${survey.opensOn}T00:00:00Z`);
  const count = Math.min(MAX_DAYS, Math.round((Date.parse(`${last}T00:00:00Z`) - start) / DAY_MS) + 1);
  const days = Array.from({ length: count }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10));
  const submitted = new Array<number>(count).fill(0);
  const approved = new Array<number>(count).fill(0);
  for (const r of rows) {
    // Anything dated outside the drawn days (before the first; approvals after the last) counts
    // on the nearest one, so the last point is always the total.
    const i = Math.min(count - 1, Math.max(0, Math.round((Date.parse(`${r.day}T00:00:00Z`) - start) / DAY_MS)));
    submitted[i] += Number(r.submitted);
    approved[i] += Number(r.approved);
  }
  let s = 0;
  let a = 0;
  return days.map((day, i) => ({ day, submitted: (s += submitted[i]), approved: (a += approved[i]) }));
}
