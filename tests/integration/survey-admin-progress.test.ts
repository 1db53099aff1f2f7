// Progress of a survey for the union on both databases: counts and rates by status, "no account
// yet", the filtered and paginated list, days left and the deadline risk.
import { expect, it } from "vitest";
import { createRosterEntry } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { createDraftSurvey, findSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { atRisk, daysLeft, progressCounts, progressList, progressParams, rate } from "@/lib/survey/progress";
import { returnResponse } from "@/lib/survey/review";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { submitResponse } from "@/lib/survey/submit";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";
const student = { continuation: "continue", occupation: "student", annualIncome: 300_000, incomeKinds: ["salary"], residence: "together" } as const;

describeEachDatabase("survey admin progress", (t) => {
  it("counts by status with rates, no account yet, and lists members by status and search", async () => {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fams = [];
    for (let i = 0; i < 3; i++) fams.push(await createFamily(t.db, clock, union.id, [{ birthDate: "2006-04-02", relationship: "子" }]));
    await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch: "00", relationship: "本人", isInsured: true, name: "未登録 太郎" });
    await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch: "01", relationship: "子", birthDate: "2015-05-05" });
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "調査", opensOn: "2026-12-05", closesOn: "2026-12-10" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    // fams[0] submits; fams[1] submits and is sent back; fams[2] starts answering.
    for (const f of fams) {
      await saveAnswers(t.db, clock, f.ref, { dependentEntryId: f.dependents[0].id, answers: { ...student, incomeKinds: ["salary"] }, rosterCorrection: null });
    }
    for (const f of fams.slice(0, 2)) {
      await setDocumentsRead(t.db, clock, f.ref, true);
      const s = (await loadMemberSurvey(t.db, clock, f.ref))!;
      expect((await submitResponse(t.db, clock, f.ref, { version: s.response.version })).ok).toBe(true);
    }
    const s1 = (await loadMemberSurvey(t.db, clock, fams[1].ref))!;
    expect(await returnResponse(t.db, clock, { responseId: s1.response.id, reason: "書類が不足しています" })).toEqual({ ok: true });

    const counts = await progressCounts(t.db, made.survey.id);
    expect(counts).toEqual({ total: 4, byStatus: { not_started: 1, in_progress: 1, submitted: 1, returned: 1, approved: 0 }, noAccount: 1 });
    expect(rate(1, 4)).toBe("25.0%");
    expect(rate(0, 0)).toBe("—");

    const all = await progressList(t.db, made.survey.id, progressParams.parse({}));
    expect(all.total).toBe(4);
    const returned = await progressList(t.db, made.survey.id, progressParams.parse({ status: "returned" }));
    expect(returned.rows.map((r) => r.responseId)).toEqual([s1.response.id]);
    const noAccount = await progressList(t.db, made.survey.id, progressParams.parse({ status: "no_account" }));
    expect(noAccount.rows.map((r) => [r.name, r.hasAccount, r.status])).toEqual([["未登録 太郎", false, "not_started"]]);
    const bySymbol = await progressList(t.db, made.survey.id, progressParams.parse({ q: `${fams[2].rosterEntry.symbol}-${fams[2].rosterEntry.number}` }));
    expect(bySymbol.rows.map((r) => r.status)).toEqual(["in_progress"]);
    // Malformed parameters fall back to the defaults.
    expect(progressParams.parse({ status: "hacked", page: "-1", q: ["a", "b"] })).toEqual({ status: undefined, page: 1, q: "a" });
    expect((await progressList(t.db, made.survey.id, progressParams.parse({ page: "999" }))).page).toBe(1);

    const survey = (await findSurvey(t.db, scope, made.survey.id))!;
    expect(daysLeft(survey, new Date(NOW))).toBe(6);
    expect(daysLeft(survey, new Date("2026-12-10T14:59:00Z"))).toBe(1);
    expect(daysLeft(survey, new Date("2026-12-10T15:00:00Z"))).toBe(0);
    expect(atRisk("in_progress", 6)).toBe(true);
    expect(atRisk("submitted", 1)).toBe(false);
    expect(atRisk("not_started", 8)).toBe(false);
    // Another union's admin cannot find the survey (the page answers not found).
    const other = await unionWithAdmin(t.db);
    expect(await findSurvey(t.db, other.scope, made.survey.id)).toBeNull();
  });
});
