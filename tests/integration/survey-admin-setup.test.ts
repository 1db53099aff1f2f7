// The union's survey setup (issue 10) on both databases: a draft with targets by rule and by hand,
// the count before opening, opening (responses, one start mail per member with an account, those
// without counted), closing by hand; and another union's survey id changes nothing.
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, emailOutbox, surveyResponses, surveys, surveyTargets } from "@/db/schema";
import { createRosterEntry } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { latestSurvey, loadMemberSurvey } from "@/lib/survey/member-survey";
import { addTarget, applyRule, closeSurvey, createDraftSurvey, listSurveys, openDraftSurvey, previewRule, removeTarget, targetCounts } from "@/lib/survey/admin-surveys";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";
const input = (unionId: number) => ({ unionId, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31", baseDate: "2026-12-01", reminderDates: ["2027-01-20", "2027-01-10"] });

describeEachDatabase("survey admin setup", (t) => {
  async function setup() {
    const clock = testClock(NOW);
    const { union, scope, admin } = await unionWithAdmin(t.db);
    const a = await createFamily(t.db, clock, union.id, [
      { birthDate: "2006-04-02", relationship: "子" }, // 20 at the base date
      { birthDate: "1960-01-01", relationship: "母" }, // 66
    ]);
    const b = await createFamily(t.db, clock, union.id, [{ birthDate: "1985-01-01", relationship: "妻" }]);
    // An insured person without an account, with one dependent.
    const noAccount = await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch: "00", relationship: "本人", isInsured: true });
    const noAccountDep = await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch: "01", relationship: "子", birthDate: "2015-05-05" });
    return { clock, union, scope, admin, a, b, noAccount, noAccountDep };
  }

  it("creates a draft with every dependent, narrows it by rule with the count shown first, and members see nothing yet", async () => {
    const { clock, union, scope, a } = await setup();
    const made = await createDraftSurvey(t.db, clock, scope, input(union.id));
    if (!made.ok) throw new Error(made.message);
    expect(made.survey).toMatchObject({ status: "draft", fiscalYear: 2026, baseDate: "2026-12-01", reminderDates: ["2027-01-10", "2027-01-20"] });
    expect(await targetCounts(t.db, made.survey.id)).toEqual({ dependents: 4, insured: 3, withAccount: 2, withoutAccount: 1 });
    expect(await loadMemberSurvey(t.db, clock, a.ref)).toBeNull();
    expect(await latestSurvey(t.db, union.id)).toBeNull();

    const rule = { ageFrom: 16, ageTo: 70, relationships: ["子", "母"] };
    expect(await previewRule(t.db, scope, made.survey.id, rule)).toEqual({ dependents: 2, insured: 1 });
    expect(await previewRule(t.db, scope, made.survey.id, { ageFrom: null, ageTo: 19, relationships: [] })).toEqual({ dependents: 1, insured: 1 });
    expect(await previewRule(t.db, scope, made.survey.id, { ageFrom: 20, ageTo: 20, relationships: [] })).toEqual({ dependents: 1, insured: 1 });
    // Previewing changes nothing.
    expect((await targetCounts(t.db, made.survey.id)).dependents).toBe(4);
    expect(await applyRule(t.db, clock, scope, made.survey.id, rule)).toEqual({ ok: true, targets: 2 });
    expect(await applyRule(t.db, clock, scope, made.survey.id, { ageFrom: 30, ageTo: 10, relationships: [] })).toEqual({ ok: false, error: "bad_rule" });
    expect(await createDraftSurvey(t.db, clock, scope, input(union.id))).toMatchObject({ ok: false, error: "exists" });
    expect(await createDraftSurvey(t.db, clock, scope, { ...input(union.id), closesOn: "2026-12-01" })).toMatchObject({ ok: false, error: "closes_before_opens" });
  });

  it("adds and removes single people with a reason; manual choices survive a new rule", async () => {
    const { clock, union, scope, b, a } = await setup();
    const made = await createDraftSurvey(t.db, clock, scope, input(union.id));
    if (!made.ok) throw new Error(made.message);
    await applyRule(t.db, clock, scope, made.survey.id, { ageFrom: null, ageTo: null, relationships: ["子"] });
    const wife = b.dependents[0];
    expect(await addTarget(t.db, clock, scope, made.survey.id, { symbol: wife.symbol, number: wife.number, branch: wife.branch, reason: "" })).toEqual({ ok: false, error: "bad_reason" });
    expect(await addTarget(t.db, clock, scope, made.survey.id, { symbol: wife.symbol, number: wife.number, branch: "00", reason: "本人" })).toEqual({ ok: false, error: "no_person" });
    expect(await addTarget(t.db, clock, scope, made.survey.id, { symbol: wife.symbol, number: wife.number, branch: wife.branch, reason: "収入の確認が必要" })).toEqual({ ok: true, outboxIds: [] });
    expect(await addTarget(t.db, clock, scope, made.survey.id, { symbol: wife.symbol, number: wife.number, branch: wife.branch, reason: "二度目" })).toEqual({ ok: false, error: "already_target" });
    const [child] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, made.survey.id), eq(surveyTargets.rosterEntryId, a.dependents[0].id)));
    expect(await removeTarget(t.db, clock, scope, made.survey.id, { targetId: child.id, reason: "海外在住で別途確認" })).toEqual({ ok: true });
    await applyRule(t.db, clock, scope, made.survey.id, { ageFrom: null, ageTo: null, relationships: ["子"] });
    const rows = await t.db.select().from(surveyTargets).where(eq(surveyTargets.surveyId, made.survey.id));
    const live = rows.filter((r) => !r.removedAt).map((r) => r.rosterEntryId).sort();
    expect(live).toContain(wife.id);
    expect(live).not.toContain(a.dependents[0].id);
    expect(rows.find((r) => r.rosterEntryId === a.dependents[0].id)).toMatchObject({ removedReason: "海外在住で別途確認" });
    const events = (await t.db.select().from(auditLog).where(eq(auditLog.target, `survey:${made.survey.id}`))).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(["admin.survey.create", "admin.survey.targets_rule", "admin.survey.target_add", "admin.survey.target_remove"]));
  });

  it("opening makes the responses and queues one start mail per member with an account, once; closing by hand ends the window", async () => {
    const { clock, union, scope, a, b } = await setup();
    const made = await createDraftSurvey(t.db, clock, scope, input(union.id));
    if (!made.ok) throw new Error(made.message);
    expect(await openDraftSurvey(t.db, clock, scope, made.survey.id)).toMatchObject({ ok: true, responses: 3, mails: 2, withoutAccount: 1, outboxIds: [expect.any(Number), expect.any(Number)] });
    expect(await openDraftSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: false, error: "not_draft" });
    for (const fam of [a, b]) {
      const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, fam.email), eq(emailOutbox.template, "survey-start")));
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain("令和8年度 被扶養者資格調査");
    }
    expect((await latestSurvey(t.db, union.id))?.id).toBe(made.survey.id);
    const seen = await loadMemberSurvey(t.db, clock, a.ref);
    expect(seen).toMatchObject({ phase: "open", status: "not_started" });
    expect(seen!.dependents).toHaveLength(2);
    // Rules are for drafts only (single people may still be added or removed while open).
    expect(await applyRule(t.db, clock, scope, made.survey.id, { ageFrom: 0, ageTo: 1, relationships: [] })).toEqual({ ok: false, error: "not_draft" });

    clock.advance(60_000);
    expect(await closeSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: true });
    expect(await closeSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: false, error: "not_open" });
    expect((await loadMemberSurvey(t.db, clock, a.ref))!).toMatchObject({ phase: "after", editable: false });
  });

  it("another union's admin gets not found for every setup call, and nothing changes", async () => {
    const { clock, union, scope, a } = await setup();
    const other = await unionWithAdmin(t.db);
    const made = await createDraftSurvey(t.db, clock, scope, input(union.id));
    if (!made.ok) throw new Error(made.message);
    const id = made.survey.id;
    expect(await createDraftSurvey(t.db, clock, other.scope, input(union.id))).toMatchObject({ ok: false, error: "no_union" });
    expect(await previewRule(t.db, other.scope, id, { ageFrom: null, ageTo: null, relationships: [] })).toBeNull();
    expect(await applyRule(t.db, clock, other.scope, id, { ageFrom: 0, ageTo: 1, relationships: [] })).toEqual({ ok: false, error: "not_found" });
    const dep = a.dependents[0];
    expect(await addTarget(t.db, clock, other.scope, id, { symbol: dep.symbol, number: dep.number, branch: dep.branch, reason: "x" })).toEqual({ ok: false, error: "not_found" });
    const [target] = await t.db.select().from(surveyTargets).where(eq(surveyTargets.surveyId, id)).limit(1);
    expect(await removeTarget(t.db, clock, other.scope, id, { targetId: target.id, reason: "x" })).toEqual({ ok: false, error: "not_found" });
    // A target id of this survey, named under the other union's own survey, is not found either.
    const theirs = await createDraftSurvey(t.db, clock, other.scope, input(other.union.id));
    if (!theirs.ok) throw new Error(theirs.message);
    expect(await removeTarget(t.db, clock, other.scope, theirs.survey.id, { targetId: target.id, reason: "x" })).toEqual({ ok: false, error: "not_found" });
    expect(await openDraftSurvey(t.db, clock, other.scope, id)).toEqual({ ok: false, error: "not_found" });
    expect(await closeSurvey(t.db, clock, other.scope, id)).toEqual({ ok: false, error: "not_found" });
    expect(await listSurveys(t.db, other.scope, [union.id])).toEqual([]);
    const [after] = await t.db.select().from(surveys).where(eq(surveys.id, id));
    expect(after.status).toBe("draft");
    expect((await t.db.select().from(surveyTargets).where(eq(surveyTargets.surveyId, id))).every((r) => r.removedAt === null && r.addedBy === "rule")).toBe(true);
    expect(await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).toHaveLength(0);
    // The operator sees both unions' surveys.
    const op = await operatorScope(t.db);
    expect((await listSurveys(t.db, op, op.unionIds)).map((r) => r.survey.id)).toEqual(expect.arrayContaining([id, theirs.survey.id]));
    expect((await listSurveys(t.db, scope, scope.unionIds)).map((r) => r.survey.id)).toEqual([id]);
  });
});
