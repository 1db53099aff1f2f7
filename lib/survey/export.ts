// /admin/surveys.csv: one row per target dependent of one survey, with the answers, the union's
// outcome and who reviewed it. Read in keyset batches (survey_targets.id > last), like the other
// admin exports; the caller has found the survey within the admin's scope.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { BATCH } from "../admin/exports";
import { type Answers, CONTINUATIONS, INCOME_KINDS, OCCUPATIONS, readAnswers, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES } from "./answers-schema";
import { OUTCOMES, STATUS_LABELS, type Outcome, type ResponseStatus } from "./status";

export const SURVEY_HEADER = [
  "記号", "番号", "枝番", "氏名", "カナ", "続柄", "生年月日", "状況", "アカウント",
  "扶養の継続", "外す理由", "外す日", "職業", "年間収入見込額", "収入の種類", "障害年金", "同居・別居", "仕送り額(月額)", "送金方法", "登録内容の誤りの連絡",
  "結果", "削除日", "確認者", "確認日時",
];

const label = <T extends Record<string, string>>(map: T, key: string | undefined) => (key && Object.hasOwn(map, key) ? map[key as keyof T] : "");

/**
 * Rows per keyset batch, smaller than the other exports' BATCH (1,000). A batch's objects (the
 * driver's rows, the cells, the CSV text) are alive while its rows arrive and are encoded; with the
 * server's 4 MB young generation (npm start: --max-semi-space-size=4) the larger the batch, the
 * more of it survives two scavenges and is promoted, and old space then fills with the garbage of
 * every batch up to V8's next full GC. Measured over HTTP on 250,000 rows (noisy machine): 1,000
 * rows 4.4–5.4 s, peak RSS 250–293 MB; 500 rows 7–8 s, 249–251 MB; 250 rows 10–11 s, 200–250 MB.
 */
export const SURVEY_EXPORT_BATCH = 500;

const NO_ANSWERS: Answers = Object.freeze({});

interface ExportRow {
  id: number | string;
  symbol: string;
  number: string;
  branch: string;
  name: string;
  kana_name: string;
  relationship: string;
  birth_date: string;
  status: string | null;
  has_account: boolean;
  answers: unknown;
  roster_correction: string | null;
  outcome: string | null;
  removal_date: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
}

/**
 * The batch's query is plain SQL with the LIMIT written in: with a bound LIMIT the driver's
 * prepared statement goes generic after five runs, and the generic plan (no row count known)
 * starts a parallel worker for every batch (~8 ms each). Dates come formatted from the database
 * (JST for the review time), so no Date is made per row.
 */
export async function* surveyRows(db: Db, surveyId: number): AsyncGenerator<unknown[][]> {
  let last = 0;
  for (;;) {
    const result = await db.execute(sql`
      select t.id, d.symbol, d.number, d.branch, d.name, d.kana_name, d.relationship, to_char(d.birth_date, 'YYYY-MM-DD') as birth_date,
        r.status, m.id is not null as has_account, a.answers, a.roster_correction, a.outcome, to_char(a.removal_date, 'YYYY-MM-DD') as removal_date,
        ad.login_id as reviewer, to_char(a.reviewed_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI:SS') as reviewed_at
      from survey_targets t
      join roster_entries d on d.id = t.roster_entry_id
      left join survey_responses r on r.survey_id = t.survey_id and r.insured_entry_id = t.insured_entry_id
      left join members m on m.roster_entry_id = t.insured_entry_id and m.disabled_at is null and m.closed_at is null
      left join survey_answers a on a.response_id = r.id and a.dependent_entry_id = t.roster_entry_id
      left join admins ad on ad.id = a.reviewed_by_admin_id
      where t.survey_id = ${surveyId} and t.removed_at is null and t.id > ${last}
      order by t.id
      limit ${sql.raw(String(SURVEY_EXPORT_BATCH))}`);
    const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as ExportRow[];
    if (rows.length === 0) return;
    last = Number(rows[rows.length - 1].id);
    yield rows.map((r) => {
      // No answers row yet (most households before they answer): nothing to validate.
      const a: Answers = r.answers ? readAnswers(r.answers) : NO_ANSWERS;
      const apart = a.residence === "apart";
      return [
        r.symbol, r.number, r.branch, r.name, r.kana_name, r.relationship, r.birth_date,
        r.status ? (STATUS_LABELS[r.status as ResponseStatus] ?? r.status) : "",
        r.has_account ? "あり" : "未登録",
        label(CONTINUATIONS, a.continuation),
        label(REMOVAL_REASONS, a.removalReason),
        a.removalDate ?? "",
        label(OCCUPATIONS, a.occupation),
        a.annualIncome ?? "",
        a.incomeKinds?.length ? a.incomeKinds.map((k) => label(INCOME_KINDS, k)).join("・") : "",
        a.disabilityPension ? "あり" : "",
        label(RESIDENCES, a.residence),
        apart ? (a.monthlyRemittance ?? "") : "",
        apart ? label(REMITTANCE_METHODS, a.remittanceMethod) : "",
        r.roster_correction ?? "",
        r.outcome && Object.hasOwn(OUTCOMES, r.outcome) ? OUTCOMES[r.outcome as Outcome] : "",
        r.removal_date ?? "",
        r.reviewer ?? "",
        r.reviewed_at ?? "",
      ];
    });
    if (rows.length < SURVEY_EXPORT_BATCH) return;
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
