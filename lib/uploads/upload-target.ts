// Where an upload may go: a slot of THIS member's response, for one of THIS member's target
// dependents (or the household), while the union has not closed the case. Every id from a form is
// looked up together with the member's own roster row, so another member's ids find nothing.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { surveyResponses, surveys, surveyTargets } from "@/db/schema";
import { systemClock } from "../clock";
import { isReopened } from "../survey/window";
import { isUploadSlot, type UploaderRef } from "./member-ref";

export interface UploadTargetInput {
  /** The member's response; omitted = their newest. */
  responseId?: number | null;
  /** A target dependent's roster entry id, or null for a household document. */
  dependentId: number | null;
  slot: string;
}

export interface UploadTarget {
  responseId: number;
  surveyId: number;
  dependentId: number | null;
  slot: string;
}

export type TargetResult = { ok: true; target: UploadTarget } | { ok: false; reason: "not_found" | "locked" };

/**
 * The case is closed once the union approved the response or closed the survey; submission alone
 * does not lock files. A case the union reopened (lib/survey/reopen.ts) takes files until its date.
 */
export function filesLocked(responseStatus: string, surveyStatus: string, reopen?: { reopenedUntil: Date | null; now: Date }): boolean {
  if (responseStatus === "approved") return true;
  if (surveyStatus !== "closed") return false;
  return !(reopen && isReopened(reopen, reopen.now));
}

export async function findResponseOf(db: DbOrTx, who: UploaderRef, responseId?: number | null) {
  const [row] = await db
    .select({ id: surveyResponses.id, surveyId: surveyResponses.surveyId, status: surveyResponses.status, surveyStatus: surveys.status, reopenedUntil: surveyResponses.reopenedUntil })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveys.unionId, who.unionId),
        eq(surveyResponses.insuredEntryId, who.insuredEntryId),
        responseId != null ? eq(surveyResponses.id, responseId) : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.id))
    .limit(1);
  return row ?? null;
}

/** `now` (the clock) lets a reopened case take files after the survey closed. */
export async function findUploadTarget(db: DbOrTx, who: UploaderRef, input: UploadTargetInput, now: Date = systemClock.now()): Promise<TargetResult> {
  if (!isUploadSlot(input.slot, input.dependentId)) return { ok: false, reason: "not_found" };
  const response = await findResponseOf(db, who, input.responseId);
  if (!response) return { ok: false, reason: "not_found" };
  if (input.dependentId != null) {
    const [target] = await db
      .select({ id: surveyTargets.id })
      .from(surveyTargets)
      .where(
        and(
          eq(surveyTargets.surveyId, response.surveyId),
          eq(surveyTargets.insuredEntryId, who.insuredEntryId),
          eq(surveyTargets.rosterEntryId, input.dependentId),
          isNull(surveyTargets.removedAt),
        ),
      );
    if (!target) return { ok: false, reason: "not_found" };
  }
  if (filesLocked(response.status, response.surveyStatus, { reopenedUntil: response.reopenedUntil, now })) return { ok: false, reason: "locked" };
  return { ok: true, target: { responseId: response.id, surveyId: response.surveyId, dependentId: input.dependentId, slot: input.slot } };
}
