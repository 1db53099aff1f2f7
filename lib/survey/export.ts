// /admin/surveys.csv: one row per target dependent of one survey, with the answers, the union's
// outcome and who reviewed it. Read in keyset batches (survey_targets.id > last), like the other
// admin exports; the caller has found the survey within the admin's scope.
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/connect";
import { admins, members, rosterEntries, surveyAnswers, surveyResponses, surveyTargets } from "@/db/schema";
import { BATCH } from "../admin/exports";
import { CONTINUATIONS, INCOME_KINDS, OCCUPATIONS, readAnswers, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES } from "./answers-schema";
import { OUTCOMES, STATUS_LABELS, type Outcome, type ResponseStatus } from "./status";

export const SURVEY_HEADER = [
  "記号", "番号", "枝番", "氏名", "カナ", "続柄", "生年月日", "状況", "アカウント",
  "扶養の継続", "外す理由", "外す日", "職業", "年間収入見込額", "収入の種類", "障害年金", "同居・別居", "仕送り額(月額)", "送金方法", "登録内容の誤りの連絡",
  "結果", "削除日", "確認者", "確認日時",
];

const jst = (d: Date | null) => (d ? new Date(d.getTime() + 9 * 3600_000).toISOString().replace("T", " ").slice(0, 19) : "");
const label = <T extends Record<string, string>>(map: T, key: string | undefined) => (key && Object.hasOwn(map, key) ? map[key as keyof T] : "");

export async function* surveyRows(db: Db, surveyId: number): AsyncGenerator<unknown[][]> {
  const dependent = alias(rosterEntries, "dependent");
  let last = 0;
  for (;;) {
    const rows = await db
      .select({
        id: surveyTargets.id,
        symbol: dependent.symbol,
        number: dependent.number,
        branch: dependent.branch,
        name: dependent.name,
        kana: dependent.kanaName,
        relationship: dependent.relationship,
        birthDate: dependent.birthDate,
        status: surveyResponses.status,
        memberId: members.id,
        answers: surveyAnswers.answers,
        rosterCorrection: surveyAnswers.rosterCorrection,
        outcome: surveyAnswers.outcome,
        removalDate: surveyAnswers.removalDate,
        reviewer: admins.loginId,
        reviewedAt: surveyAnswers.reviewedAt,
      })
      .from(surveyTargets)
      .innerJoin(dependent, eq(dependent.id, surveyTargets.rosterEntryId))
      .leftJoin(surveyResponses, and(eq(surveyResponses.surveyId, surveyTargets.surveyId), eq(surveyResponses.insuredEntryId, surveyTargets.insuredEntryId)))
      .leftJoin(members, and(eq(members.rosterEntryId, surveyTargets.insuredEntryId), isNull(members.disabledAt), isNull(members.closedAt)))
      .leftJoin(surveyAnswers, and(eq(surveyAnswers.responseId, surveyResponses.id), eq(surveyAnswers.dependentEntryId, surveyTargets.rosterEntryId)))
      .leftJoin(admins, eq(admins.id, surveyAnswers.reviewedByAdminId))
      .where(and(eq(surveyTargets.surveyId, surveyId), isNull(surveyTargets.removedAt), gt(surveyTargets.id, last)))
      .orderBy(asc(surveyTargets.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id;
    yield rows.map((r) => {
      const a = readAnswers(r.answers ?? {});
      const apart = a.residence === "apart";
      return [
        r.symbol, r.number, r.branch, r.name, r.kana, r.relationship, r.birthDate,
        r.status ? (STATUS_LABELS[r.status as ResponseStatus] ?? r.status) : "",
        r.memberId !== null ? "あり" : "未登録",
        label(CONTINUATIONS, a.continuation),
        label(REMOVAL_REASONS, a.removalReason),
        a.removalDate ?? "",
        label(OCCUPATIONS, a.occupation),
        a.annualIncome ?? "",
        (a.incomeKinds ?? []).map((k) => label(INCOME_KINDS, k)).join("・"),
        a.disabilityPension ? "あり" : "",
        label(RESIDENCES, a.residence),
        apart ? (a.monthlyRemittance ?? "") : "",
        apart ? label(REMITTANCE_METHODS, a.remittanceMethod) : "",
        r.rosterCorrection ?? "",
        r.outcome && Object.hasOwn(OUTCOMES, r.outcome) ? OUTCOMES[r.outcome as Outcome] : "",
        r.removalDate ?? "",
        r.reviewer ?? "",
        jst(r.reviewedAt),
      ];
    });
    if (rows.length < BATCH) return;
  }
}

export const NO_ACCOUNT_HEADER = ["記号", "番号", "氏名", "カナ", "生年月日", "対象の被扶養者数", "状況"];

/**
 * /admin/surveys/ID/no-account.csv: the insured persons of a survey who have no open account, so
 * the union can write to them on paper. One row per household still in the survey, with how many
 * of its dependents are targets. The roster holds no address, so none is exported.
 * Keyset batches on survey_responses.id (the survey's unique key leads with survey_id).
 */
export async function* noAccountRows(db: Db, surveyId: number): AsyncGenerator<unknown[][]> {
  let last = 0;
  for (;;) {
    const result = await db.execute(sql`
      select r.id, i.symbol, i.number, i.name, i.kana_name, to_char(i.birth_date, 'YYYY-MM-DD') as birth_date, r.status,
        (select count(*)::int from survey_targets t where t.survey_id = r.survey_id and t.insured_entry_id = r.insured_entry_id and t.removed_at is null) as dependents
      from survey_responses r
      join roster_entries i on i.id = r.insured_entry_id
      where r.survey_id = ${surveyId} and r.removed_at is null and r.id > ${last}
        and not exists (select 1 from members m where m.roster_entry_id = r.insured_entry_id and m.disabled_at is null and m.closed_at is null)
      order by r.id
      limit ${BATCH}`);
    const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as { id: number; symbol: string; number: string; name: string; kana_name: string; birth_date: string; status: string; dependents: number }[];
    if (rows.length === 0) return;
    last = Number(rows[rows.length - 1].id);
    yield rows.map((r) => [r.symbol, r.number, r.name, r.kana_name, r.birth_date, Number(r.dependents), STATUS_LABELS[r.status as ResponseStatus] ?? r.status]);
    if (rows.length < BATCH) return;
  }
}
