// Saves one dependent's answers (a draft, or complete for 次へ) and the documents checkbox. Every
// write is scoped by the member's own roster row: a dependent that is not a target of THIS member's
// response is "not_found", whatever id the browser sent.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { surveyAnswers, surveyResponses, surveyTargets } from "@/db/schema";
import type { Clock } from "../clock";
import { isComplete, relevantAnswers, type Answers } from "./answers-schema";
import { canEdit, findMemberResponse, type MemberRef } from "./member-survey";
import { responsePhase } from "./window";

export type SaveError = "not_found" | "locked" | "closed";
export type SaveResult = { ok: true; complete: boolean } | { ok: false; error: SaveError };

/** The member's response, checked editable, inside the caller's transaction (row locked). */
async function editableResponse(tx: DbOrTx, clock: Clock, ref: MemberRef) {
  const found = await findMemberResponse(tx, ref);
  if (!found) return { error: "not_found" as const };
  const [response] = await tx.select().from(surveyResponses).where(eq(surveyResponses.id, found.response.id)).for("update");
  // A case the union reopened after the window is open for its member until the reopen date.
  const phase = responsePhase(found.survey, response, clock.now());
  if (!canEdit(response.status, phase)) return { error: isLockedStatus(response.status) ? ("locked" as const) : ("closed" as const) };
  return { response, survey: found.survey };
}

const isLockedStatus = (status: string) => status === "submitted" || status === "approved";

/**
 * Every change bumps the version, so a confirm page shown before an edit (in another tab) cannot
 * submit what it did not show; not_started → in_progress on the first save; claims the row.
 */
async function touchResponse(tx: DbOrTx, now: Date, response: typeof surveyResponses.$inferSelect, memberId: number) {
  const starting = response.status === "not_started";
  await tx
    .update(surveyResponses)
    .set({
      memberId,
      updatedAt: now,
      version: sql`${surveyResponses.version} + 1`,
      ...(starting ? { status: "in_progress", startedAt: now } : {}),
    })
    .where(eq(surveyResponses.id, response.id));
}

export interface SaveAnswersInput {
  dependentEntryId: number;
  answers: Answers;
  rosterCorrection: string | null;
}

export async function saveAnswers(db: DbOrTx, clock: Clock, ref: MemberRef, input: SaveAnswersInput): Promise<SaveResult> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await editableResponse(tx, clock, ref);
    if ("error" in r) return { ok: false as const, error: r.error! };
    const [target] = await tx
      .select({ id: surveyTargets.id })
      .from(surveyTargets)
      .where(and(eq(surveyTargets.surveyId, r.survey.id), eq(surveyTargets.insuredEntryId, ref.insuredEntryId), eq(surveyTargets.rosterEntryId, input.dependentEntryId), isNull(surveyTargets.removedAt)));
    if (!target) return { ok: false as const, error: "not_found" as const };
    const answers = relevantAnswers(input.answers);
    const complete = isComplete(answers);
    await tx
      .insert(surveyAnswers)
      .values({ responseId: r.response.id, dependentEntryId: input.dependentEntryId, answers, draft: !complete, rosterCorrection: input.rosterCorrection, updatedAt: now })
      .onConflictDoUpdate({
        target: [surveyAnswers.responseId, surveyAnswers.dependentEntryId],
        set: { answers, draft: !complete, rosterCorrection: input.rosterCorrection, updatedAt: now },
      });
    await touchResponse(tx, now, r.response, ref.memberId);
    return { ok: true as const, complete };
  });
}

/** The member ticked (or unticked) 「必要な書類を確認しました」. */
export async function setDocumentsRead(db: DbOrTx, clock: Clock, ref: MemberRef, read: boolean): Promise<SaveResult> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const r = await editableResponse(tx, clock, ref);
    if ("error" in r) return { ok: false as const, error: r.error! };
    await tx.update(surveyResponses).set({ documentsReadAt: read ? now : null }).where(eq(surveyResponses.id, r.response.id));
    await touchResponse(tx, now, r.response, ref.memberId);
    return { ok: true as const, complete: read };
  });
}
