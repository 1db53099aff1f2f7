// The union's review of one member's response (issue 10): the answers and the hints the member saw,
// an outcome per dependent, then 承認 or 差し戻し (with a reason the member sees and gets by mail).
// The response is found through its survey in the admin's scope (another union's id: not found), and
// the decision carries the version the reviewer saw: when someone else changed the response first,
// nothing is written and the reviewer is told to reload.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { members, rosterEntries, surveyAnswers, surveyResponses, surveyTargets } from "@/db/schema";
import type { AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { loginUrl } from "../email/links";
import { enqueueEmailOrSkip } from "../email/outbox";
import { isRealDate } from "../validation/fields";
import { hasBadCharacters } from "../validation/input-guard";
import { myNumberDeletions, type DeletedByUnion } from "../uploads/deleted-by-union";
import { filesForResponse, type SlotFile } from "../uploads/files-for-response";
import { findSurvey, surveyIsCurrent, type Survey } from "./admin-surveys";
import { readAnswers, type Answers } from "./answers-schema";
import { answerLines, type AnswerLine } from "./display";
import { incomeLimitFor, incomeWarnings } from "./income-limit";
import { requiredDocuments, type SlotKey } from "./required-documents";
import { approveResponse, RETURN_REASON_MAX, returnResponse } from "./review";
import { OUTCOMES, type Outcome } from "./status";

export const STALE_MESSAGE = "他の担当者が先に更新しました。画面を読み込み直してください。";

export interface ReviewDependent {
  entry: typeof rosterEntries.$inferSelect;
  answers: Answers;
  lines: AnswerLine[];
  limitText: string | null;
  warnings: string[];
  documents: SlotKey[];
  rosterCorrection: string | null;
  outcome: Outcome | null;
  removalDate: string | null;
  reviewedAt: Date | null;
}

export interface ReviewCase {
  survey: Survey;
  response: typeof surveyResponses.$inferSelect;
  insured: typeof rosterEntries.$inferSelect;
  hasAccount: boolean;
  dependents: ReviewDependent[];
  /** Every live file in the response's slots (a dependent's, or the household's: dependentId null). */
  files: SlotFile[];
  /** Slots whose file the union deleted for a マイナンバー and that have no new file yet. */
  deletions: DeletedByUnion[];
}

const isOutcome = (v: unknown): v is Outcome => typeof v === "string" && Object.hasOwn(OUTCOMES, v);

export async function loadReview(db: DbOrTx, scope: AdminScope, surveyId: number, responseId: number): Promise<ReviewCase | null> {
  const survey = await findSurvey(db, scope, surveyId);
  if (!survey || !Number.isSafeInteger(responseId) || responseId <= 0) return null;
  const [row] = await db
    .select({ response: surveyResponses, insured: rosterEntries, memberId: members.id })
    .from(surveyResponses)
    .innerJoin(rosterEntries, eq(rosterEntries.id, surveyResponses.insuredEntryId))
    .leftJoin(members, and(eq(members.rosterEntryId, surveyResponses.insuredEntryId), isNull(members.disabledAt)))
    .where(and(eq(surveyResponses.id, responseId), eq(surveyResponses.surveyId, survey.id)));
  if (!row) return null;
  const deps = await db
    .select({ entry: rosterEntries, answers: surveyAnswers })
    .from(surveyTargets)
    .innerJoin(rosterEntries, eq(rosterEntries.id, surveyTargets.rosterEntryId))
    .leftJoin(surveyAnswers, and(eq(surveyAnswers.responseId, row.response.id), eq(surveyAnswers.dependentEntryId, surveyTargets.rosterEntryId)))
    .where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.insuredEntryId, row.insured.id), isNull(surveyTargets.removedAt)))
    .orderBy(asc(rosterEntries.branch));
  const dependents = deps.map(({ entry, answers: saved }): ReviewDependent => {
    const answers = readAnswers(saved?.answers ?? {});
    const facts = { birthDate: entry.birthDate, relationship: entry.relationship };
    const keeps = answers.continuation !== "remove";
    return {
      entry,
      answers,
      lines: answerLines(answers),
      limitText: keeps ? incomeLimitFor({ ...facts, disabilityPension: answers.disabilityPension, livingApart: answers.residence === "apart", monthlyRemittance: answers.monthlyRemittance }, survey.baseDate).text : null,
      warnings: incomeWarnings(answers, facts, survey.baseDate),
      documents: requiredDocuments(answers, entry, survey.baseDate),
      rosterCorrection: saved?.rosterCorrection ?? null,
      outcome: isOutcome(saved?.outcome) ? saved.outcome : null,
      removalDate: saved?.removalDate ?? null,
      reviewedAt: saved?.reviewedAt ?? null,
    };
  });
  // The response was found through the admin's scope above, so its files are in scope too.
  const [fileList, deletions] = [await filesForResponse(db, row.response.id), await myNumberDeletions(db, row.response.id)];
  return { survey, response: row.response, insured: row.insured, hasAccount: row.memberId !== null, dependents, files: fileList, deletions };
}

export interface DecisionInput {
  surveyId: number;
  responseId: number;
  /** The response's version the reviewer saw. */
  version: number;
  decision: "approve" | "return";
  reason?: string;
  /** Per dependent roster id: the outcome and, for 削除, the date. */
  outcomes: Record<number, { outcome: string; removalDate?: string }>;
}

export type DecisionResult =
  | { ok: true; outboxId: number | null }
  | { ok: false; error: "not_found" | "stale" | "not_submitted" | "not_current" | "bad_reason" | "bad_outcome"; fieldErrors?: Record<string, string>; message: string };

/** A later year's survey exists: this one's answers and results are read-only. */
export const NOT_CURRENT_MESSAGE = "過去の年度の調査は変更できません(閲覧のみ)。";

/**
 * One member's case for a union-side change, under the response's row lock (so the version read is
 * the one the change replaces): null when it is not the admin's (or a draft's), `not_current` when
 * a later year's survey exists (the old one is read-only).
 */
export async function lockCase(tx: DbOrTx, scope: AdminScope, surveyId: number, responseId: number) {
  const survey = await findSurvey(tx, scope, surveyId);
  if (!survey || survey.status === "draft") return null;
  if (!(await surveyIsCurrent(tx, survey))) return "not_current" as const;
  const [response] = await tx
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.id, responseId), eq(surveyResponses.surveyId, survey.id)))
    .for("update");
  return response ? { survey, response } : null;
}

export async function decideResponse(db: Db, clock: Clock, scope: AdminScope, input: DecisionInput): Promise<DecisionResult> {
  const reason = (input.reason ?? "").trim();
  if (input.decision === "return" && (!reason || reason.length > RETURN_REASON_MAX || hasBadCharacters(reason, { multiline: true })))
    return { ok: false, error: "bad_reason", fieldErrors: { reason: `理由を 1〜${RETURN_REASON_MAX} 文字で入力してください。` }, message: "差し戻しの理由を入力してください。" };
  return db.transaction(async (tx) => {
    const found = await lockCase(tx, scope, input.surveyId, input.responseId);
    if (found === "not_current") return { ok: false as const, error: "not_current" as const, message: NOT_CURRENT_MESSAGE };
    if (!found) return { ok: false as const, error: "not_found" as const, message: "対象の回答が見つかりません。" };
    const { survey, response } = found;
    if (response.version !== input.version) return { ok: false as const, error: "stale" as const, message: STALE_MESSAGE };
    if (response.status !== "submitted") return { ok: false as const, error: "not_submitted" as const, message: "提出済みの回答だけを承認・差し戻しできます。" };
    const targets = await tx
      .select({ id: surveyTargets.rosterEntryId })
      .from(surveyTargets)
      .where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.insuredEntryId, response.insuredEntryId), isNull(surveyTargets.removedAt)));
    const fieldErrors: Record<string, string> = {};
    const chosen: { id: number; outcome: Outcome | null; removalDate: string | null }[] = [];
    for (const t of targets) {
      const o = input.outcomes[t.id];
      const outcome = o && o.outcome !== "" ? o.outcome : null;
      if (outcome !== null && !isOutcome(outcome)) {
        fieldErrors[`outcome-${t.id}`] = "結果を選んでください。";
        continue;
      }
      if (outcome === null && input.decision === "approve") {
        fieldErrors[`outcome-${t.id}`] = "承認する前に、結果を選んでください。";
        continue;
      }
      const removalDate = outcome === "remove" ? (o?.removalDate ?? "").trim() : "";
      if (outcome === "remove" && !isRealDate(removalDate)) {
        fieldErrors[`removalDate-${t.id}`] = "削除日を YYYY-MM-DD の実在する日付で入力してください。";
        continue;
      }
      chosen.push({ id: t.id, outcome, removalDate: removalDate || null });
    }
    if (Object.keys(fieldErrors).length) return { ok: false as const, error: "bad_outcome" as const, fieldErrors, message: "入力内容を確認してください。" };
    const now = clock.now();
    for (const c of chosen) {
      const values = { outcome: c.outcome, removalDate: c.removalDate, reviewedByAdminId: c.outcome ? scope.admin.id : null, reviewedAt: c.outcome ? now : null };
      await tx
        .insert(surveyAnswers)
        .values({ responseId: response.id, dependentEntryId: c.id, answers: {}, updatedAt: now, ...values })
        .onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.dependentEntryId], set: values });
    }
    const result =
      input.decision === "approve"
        ? await approveResponse(tx, clock, { responseId: response.id, adminId: scope.admin.id })
        : await returnResponse(tx, clock, { responseId: response.id, reason, adminId: scope.admin.id });
    if (!result.ok) return { ok: false as const, error: "not_submitted" as const, message: "提出済みの回答だけを承認・差し戻しできます。" };
    let outboxId: number | null = null;
    if (input.decision === "return") {
      const [member] = await tx
        .select({ email: members.email })
        .from(members)
        .where(and(eq(members.rosterEntryId, response.insuredEntryId), isNull(members.disabledAt)));
      if (member)
        outboxId = await enqueueEmailOrSkip(tx, { template: "survey-returned", to: member.email, unionId: survey.unionId, props: { surveyTitle: survey.title, reason, closesOn: survey.closesOn, loginUrl: loginUrl() } }, { clock });
    }
    await audit(tx, clock, {
      event: input.decision === "approve" ? "admin.survey.approve" : "admin.survey.return",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId: survey.unionId,
      target: `survey_response:${response.id}`,
      details: { surveyId: survey.id, outcomes: chosen.map((c) => ({ dependentEntryId: c.id, outcome: c.outcome, removalDate: c.removalDate })), ...(input.decision === "return" ? { reasonLength: reason.length } : {}) },
    });
    return { ok: true as const, outboxId };
  });
}
