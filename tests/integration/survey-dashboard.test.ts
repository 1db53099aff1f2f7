// The dashboard's survey panel on both databases: the opened surveys of the unions on screen with
// the progress page's counts; drafts and other unions' surveys never appear.
import { expect, it } from "vitest";
import { testClock } from "@/lib/clock";
import { createDraftSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { dashboardSurveys } from "@/lib/survey/dashboard";
import { progressCounts } from "@/lib/survey/progress";
import { saveAnswers } from "@/lib/survey/save-answers";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";

describeEachDatabase("survey dashboard panel", (t) => {
  it("shows the union's opened surveys with their counts, not drafts, not another union's", async () => {
    const clock = testClock(NOW);
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    const fams = [];
    for (let i = 0; i < 3; i++) fams.push(await createFamily(t.db, clock, a.union.id, [{ birthDate: "2006-04-02", relationship: "子" }]));
    await createFamily(t.db, clock, b.union.id, [{ birthDate: "2010-01-01", relationship: "子" }]);

    const opened = await createDraftSurvey(t.db, clock, a.scope, { unionId: a.union.id, title: "令和8年度 調査", opensOn: "2026-12-05", closesOn: "2026-12-20" });
    if (!opened.ok) throw new Error(opened.message);
    await openDraftSurvey(t.db, clock, a.scope, opened.survey.id);
    const otherUnion = await createDraftSurvey(t.db, clock, b.scope, { unionId: b.union.id, title: "B の調査", opensOn: "2026-12-05", closesOn: "2026-12-20" });
    if (!otherUnion.ok) throw new Error(otherUnion.message);
    await openDraftSurvey(t.db, clock, b.scope, otherUnion.survey.id);
    await saveAnswers(t.db, clock, fams[0].ref, { dependentEntryId: fams[0].dependents[0].id, answers: { continuation: "continue", occupation: "student", annualIncome: 0, incomeKinds: [], residence: "together" }, rosterCorrection: null });

    const mine = await dashboardSurveys(t.db, a.scope, a.scope.unionIds);
    expect(mine.map((s) => s.title)).toEqual(["令和8年度 調査"]);
    expect(mine[0].counts).toEqual(await progressCounts(t.db, opened.survey.id));
    expect(mine[0].counts.byStatus).toMatchObject({ not_started: 2, in_progress: 1 });

    // Another union's ids never widen a union admin's scope.
    expect(await dashboardSurveys(t.db, a.scope, [b.union.id])).toEqual([]);
    // The operator sees both, newest first by opening; one union when it picks one.
    const op = await operatorScope(t.db);
    const both = await dashboardSurveys(t.db, op, [a.union.id, b.union.id]);
    expect(both.map((s) => s.title).sort()).toEqual(["B の調査", "令和8年度 調査"]);
    expect((await dashboardSurveys(t.db, op, [b.union.id])).map((s) => s.title)).toEqual(["B の調査"]);
  });

  it("a draft alone shows nothing", async () => {
    const clock = testClock(NOW);
    const a = await unionWithAdmin(t.db);
    const draft = await createDraftSurvey(t.db, clock, a.scope, { unionId: a.union.id, title: "下書き", opensOn: "2026-12-05", closesOn: "2026-12-20" });
    expect(draft.ok).toBe(true);
    expect(await dashboardSurveys(t.db, a.scope, a.scope.unionIds)).toEqual([]);
  });
});
