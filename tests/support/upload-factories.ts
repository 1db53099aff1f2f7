// A member with dependents and a survey response, for upload tests.
// TEMP until survey branch merges: this writes the minimal survey tables of this branch; after the
// merge it becomes createFamily + openTestSurvey (tests/support/survey-factories.ts).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { surveyResponses, surveys, surveyTargets } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import type { UploaderRef } from "@/lib/uploads/member-ref";
import { createMember } from "./member-factories";

export async function createHousehold(db: DbOrTx, options: { unionId?: number; dependents?: number; status?: string } = {}) {
  const unionId = options.unionId ?? (await createUnion(db)).id;
  const m = await createMember(db, { unionId });
  const dependents = [];
  for (let i = 1; i <= (options.dependents ?? 2); i++) {
    dependents.push(await createRosterEntry(db, { unionId, symbol: m.rosterEntry.symbol, number: m.rosterEntry.number, branch: String(i).padStart(2, "0"), relationship: "子" }));
  }
  const [survey] = await db.insert(surveys).values({ unionId }).returning();
  for (const d of dependents) await db.insert(surveyTargets).values({ surveyId: survey.id, rosterEntryId: d.id, insuredEntryId: m.rosterEntry.id });
  const [response] = await db.insert(surveyResponses).values({ surveyId: survey.id, insuredEntryId: m.rosterEntry.id, status: options.status ?? "in_progress" }).returning();
  const ref: UploaderRef = { memberId: m.member.id, unionId, insuredEntryId: m.rosterEntry.id };
  return { ...m, unionId, dependents, survey, response, ref };
}

export async function setResponseStatus(db: DbOrTx, responseId: number, status: string) {
  await db.update(surveyResponses).set({ status }).where(eq(surveyResponses.id, responseId));
}

export async function setSurveyStatus(db: DbOrTx, surveyId: number, status: string) {
  await db.update(surveys).set({ status }).where(eq(surveys.id, surveyId));
}
