// What a member sees of their union's survey: the survey, their response and, per target dependent,
// the roster row and the saved answers. Everything is looked up from the member's own roster row,
// so an id from a URL can only ever name one of THIS member's targets.
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { rosterEntries, surveyAnswers, surveyResponses, surveys, surveyTargets } from "@/db/schema";
import type { Clock } from "../clock";
import { isComplete, missingAnswers, readAnswers, type Answers } from "./answers-schema";
import { requiredDocuments, type SlotKey } from "./required-documents";
import { isEditable, type ResponseStatus, type TaskState } from "./status";
import { responsePhase } from "./window";

export type Survey = typeof surveys.$inferSelect;
export type SurveyResponse = typeof surveyResponses.$inferSelect;
export type RosterEntry = typeof rosterEntries.$inferSelect;

export interface MemberRef {
  memberId: number;
  unionId: number;
  /** The member's own roster row (本人, 枝番 00). */
  insuredEntryId: number;
}

export interface DependentTask {
  entry: RosterEntry;
  answers: Answers;
  rosterCorrection: string | null;
  state: TaskState;
  missing: Record<string, string>;
  documents: SlotKey[];
  updatedAt: Date | null;
}

export interface MemberSurvey {
  survey: Survey;
  phase: "before" | "open" | "after";
  response: SurveyResponse;
  status: ResponseStatus;
  dependents: DependentTask[];
  /** The member may change answers now (status and window allow it). */
  editable: boolean;
  documentsState: TaskState;
  confirmState: TaskState;
  /** Everything needed for 提出する is there. */
  readyToSubmit: boolean;
}

/**
 * This member's response in the union's current survey (the newest one members can see), or null.
 * An older year's survey is never shown to members, even when the current one does not target
 * them; a household the union took out of the survey has no response to show.
 */
export async function findMemberResponse(db: DbOrTx, ref: MemberRef) {
  const [row] = await db
    .select({ survey: surveys, response: surveyResponses })
    .from(surveyResponses)
    .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
    .where(
      and(
        eq(surveys.unionId, ref.unionId),
        eq(surveyResponses.insuredEntryId, ref.insuredEntryId),
        isNull(surveyResponses.removedAt),
        sql`${surveys.fiscalYear} = (select max(c.fiscal_year) from surveys c where c.union_id = ${ref.unionId} and c.status <> 'draft')`,
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The union's newest survey, whether or not it targets this member (for "no survey for you" pages). */
export async function latestSurvey(db: DbOrTx, unionId: number): Promise<Survey | null> {
  // A draft (the union is still choosing targets, issue 10) is not shown to members.
  const [row] = await db.select().from(surveys).where(and(eq(surveys.unionId, unionId), ne(surveys.status, "draft"))).orderBy(desc(surveys.fiscalYear)).limit(1);
  return row ?? null;
}

export async function loadMemberSurvey(db: DbOrTx, clock: Clock, ref: MemberRef): Promise<MemberSurvey | null> {
  const found = await findMemberResponse(db, ref);
  if (!found) return null;
  const { survey, response } = found;
  const rows = await db
    .select({ entry: rosterEntries, answer: surveyAnswers })
    .from(surveyTargets)
    .innerJoin(rosterEntries, eq(rosterEntries.id, surveyTargets.rosterEntryId))
    .leftJoin(surveyAnswers, and(eq(surveyAnswers.responseId, response.id), eq(surveyAnswers.dependentEntryId, surveyTargets.rosterEntryId)))
    .where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.insuredEntryId, ref.insuredEntryId), isNull(surveyTargets.removedAt)))
    .orderBy(asc(rosterEntries.branch));
  const dependents = rows.map(({ entry, answer }): DependentTask => {
    const answers = readAnswers(answer?.answers);
    const complete = answer != null && !answer.draft && isComplete(answers);
    return {
      entry,
      answers,
      rosterCorrection: answer?.rosterCorrection ?? null,
      state: complete ? "done" : answer ? "in_progress" : "not_started",
      missing: missingAnswers(answers),
      documents: requiredDocuments(answers, entry, survey.baseDate),
      updatedAt: answer?.updatedAt ?? null,
    };
  });
  const phase = responsePhase(survey, response, clock.now());
  const status = response.status as ResponseStatus;
  const allAnswered = dependents.every((d) => d.state === "done");
  const documentsState: TaskState = response.documentsReadAt && allAnswered ? "done" : response.documentsReadAt ? "in_progress" : "not_started";
  const submittedNow = status === "submitted" || status === "approved";
  return {
    survey,
    phase,
    response,
    status,
    dependents,
    editable: canEdit(status, phase),
    documentsState,
    confirmState: submittedNow ? "done" : allAnswered && response.documentsReadAt ? "in_progress" : "not_started",
    readyToSubmit: !submittedNow && allAnswered && response.documentsReadAt != null,
  };
}

/** Within the window, or sent back by the union (a 差し戻し may be answered after the deadline). */
export function canEdit(status: string, phase: "before" | "open" | "after"): boolean {
  if (!isEditable(status)) return false;
  return phase === "open" || (status === "returned" && phase === "after");
}
