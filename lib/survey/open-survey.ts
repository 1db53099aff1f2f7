// Opens a union's survey for a fiscal year: the survey row, every active dependent as a target and
// one response per insured person with a target, in one transaction. Used by `npm run survey:open`;
// the admin screens make a draft first (lib/survey/admin-surveys.ts) from the same row and checks.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { surveys, unions } from "@/db/schema";
import type { Clock } from "../clock";
import { isRealDate } from "../validation/fields";
import { hasBadCharacters } from "../validation/input-guard";
import { jstEndExclusive, jstMidnight } from "./window";

export interface OpenSurveyInput {
  unionId: number;
  title: string;
  /** First day, YYYY-MM-DD (Japan time). */
  opensOn: string;
  /** Last day, YYYY-MM-DD (Japan time), inclusive. */
  closesOn: string;
  /** Defaults to opensOn. */
  baseDate?: string;
  reminderDates?: string[];
  createdByAdminId?: number | null;
}

export type OpenSurveyError = "bad_title" | "bad_date" | "closes_before_opens" | "closes_in_past" | "bad_reminder" | "no_union" | "exists";

export type OpenSurveyResult =
  | { ok: true; survey: typeof surveys.$inferSelect; targets: number; responses: number }
  | { ok: false; error: OpenSurveyError; message: string };

/** 年度: April to March; a survey opening in 2027-02 belongs to 2026年度. */
export function fiscalYearOf(isoDate: string): number {
  const [y, m] = isoDate.split("-").map(Number);
  return m >= 4 ? y : y - 1;
}

/**
 * A new survey's row, as `npm run survey:open` (status open) and the admin's draft (status draft)
 * insert it: the window in Japan time, the base date (the opening day unless given), each reminder
 * day once and in order.
 */
export function newSurveyRow(input: OpenSurveyInput, status: "draft" | "open", now: Date): typeof surveys.$inferInsert {
  return {
    unionId: input.unionId,
    fiscalYear: fiscalYearOf(input.opensOn),
    title: input.title.trim(),
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    opensAt: jstMidnight(input.opensOn),
    closesAt: jstEndExclusive(input.closesOn),
    baseDate: input.baseDate || input.opensOn,
    status,
    reminderDates: [...new Set(input.reminderDates ?? [])].sort(),
    createdByAdminId: input.createdByAdminId ?? null,
    createdAt: now,
  };
}

const fail = (error: OpenSurveyError, message: string): OpenSurveyResult => ({ ok: false, error, message });

export function checkSurveyInput(input: OpenSurveyInput, now: Date): OpenSurveyResult | null {
  const title = input.title.trim();
  if (!title || title.length > 100 || hasBadCharacters(title)) return fail("bad_title", "タイトルは改行などを含まない 1〜100 文字にしてください");
  for (const [name, value] of [["opens", input.opensOn], ["closes", input.closesOn], ["base-date", input.baseDate]] as const) {
    if (value !== undefined && !isRealDate(value)) return fail("bad_date", `--${name} の日付「${value}」は YYYY-MM-DD の実在する日付にしてください`);
  }
  if (input.closesOn < input.opensOn) return fail("closes_before_opens", "締切日(--closes)は開始日(--opens)以降にしてください");
  if (jstEndExclusive(input.closesOn) <= now) return fail("closes_in_past", `締切日 ${input.closesOn} はすでに過ぎています`);
  for (const d of input.reminderDates ?? []) {
    if (!isRealDate(d) || d < input.opensOn || d > input.closesOn) return fail("bad_reminder", `督促日「${d}」は回答期間内の日付にしてください`);
  }
  return null;
}

export async function openSurvey(db: Db, clock: Clock, input: OpenSurveyInput): Promise<OpenSurveyResult> {
  const now = clock.now();
  const invalid = checkSurveyInput(input, now);
  if (invalid) return invalid;
  const fiscalYear = fiscalYearOf(input.opensOn);
  return db.transaction(async (tx) => {
    const [union] = await tx.select().from(unions).where(eq(unions.id, input.unionId)).for("update");
    if (!union) return fail("no_union", "健康保険組合が見つかりません");
    const [existing] = await tx.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.unionId, union.id), eq(surveys.fiscalYear, fiscalYear)));
    if (existing) return fail("exists", `${fiscalYear}年度の調査はすでに作成されています(id ${existing.id})`);
    const [survey] = await tx
      .insert(surveys)
      .values(newSurveyRow(input, "open", now))
      .returning();
    // Every active dependent whose insured person (same 記号・番号, 枝番 00) is active too.
    const targets = await tx.execute(sql`
      insert into survey_targets (survey_id, roster_entry_id, insured_entry_id, added_by, created_at)
      select ${survey.id}, d.id, i.id, 'rule', ${now.toISOString()}::timestamptz
      from roster_entries d
      join roster_entries i on i.union_id = d.union_id and i.symbol = d.symbol and i.number = d.number and i.branch = '00' and i.active
      where d.union_id = ${union.id} and d.branch <> '00' and d.active
      returning id`);
    const responses = await tx.execute(sql`
      insert into survey_responses (survey_id, insured_entry_id, member_id, status, version, created_at, updated_at)
      select ${survey.id}, t.insured_entry_id, m.id, 'not_started', 0, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from (select distinct insured_entry_id from survey_targets where survey_id = ${survey.id}) t
      left join members m on m.roster_entry_id = t.insured_entry_id and m.closed_at is null
      returning id`);
    // The union's window columns mirror the open survey (older pages read them).
    await tx.update(unions).set({ surveyOpensOn: input.opensOn, surveyClosesOn: input.closesOn }).where(eq(unions.id, union.id));
    return { ok: true as const, survey, targets: rowCount(targets), responses: rowCount(responses) };
  });
}

/** postgres.js returns an array of rows, PGlite an object with `rows`. */
export function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const r = result as { rows?: unknown[]; affectedRows?: number };
  return r.rows?.length ?? r.affectedRows ?? 0;
}
