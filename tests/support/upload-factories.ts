// A member with dependents and a survey response, for upload tests: the survey factories' family,
// targeted by its union's survey (opened here, or the one the union already has).
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { surveyResponses, surveys, surveyTargets } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { systemClock } from "@/lib/clock";
import type { UploaderRef } from "@/lib/uploads/member-ref";
import { createFamily, openTestSurvey } from "./survey-factories";

export async function createHousehold(db: Db, options: { unionId?: number; dependents?: number; status?: string } = {}) {
  const unionId = options.unionId ?? (await createUnion(db)).id;
  const m = await createFamily(
    db,
    systemClock,
    unionId,
    Array.from({ length: options.dependents ?? 2 }, (_, i) => ({ birthDate: `2010-04-0${i + 1}`, relationship: "子" })),
  );
  const dependents = m.dependents;
  let [survey] = await db.select().from(surveys).where(eq(surveys.unionId, unionId));
  if (!survey) {
    survey = (await openTestSurvey(db, systemClock, unionId)).survey;
  } else {
    // The union's survey opened before this family existed: target them the way opening would.
    for (const d of dependents) await db.insert(surveyTargets).values({ surveyId: survey.id, rosterEntryId: d.id, insuredEntryId: m.rosterEntry.id, addedBy: "manual" });
    await db.insert(surveyResponses).values({ surveyId: survey.id, insuredEntryId: m.rosterEntry.id });
  }
  const [response] = await db
    .update(surveyResponses)
    .set({ status: options.status ?? "in_progress", memberId: m.member.id })
    .where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.insuredEntryId, m.rosterEntry.id)))
    .returning();
  const ref: UploaderRef = { memberId: m.member.id, unionId, insuredEntryId: m.rosterEntry.id };
  return { ...m, unionId, dependents, survey, response, ref };
}

export async function setResponseStatus(db: Db, responseId: number, status: string) {
  await db.update(surveyResponses).set({ status }).where(eq(surveyResponses.id, responseId));
}

export async function setSurveyStatus(db: Db, surveyId: number, status: string) {
  await db.update(surveys).set({ status }).where(eq(surveys.id, surveyId));
}
