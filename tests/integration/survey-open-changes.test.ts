// Changing an open survey's targets (issue 10) on both databases: an added household gets its
// response and the start mail once; a removed one leaves progress, reminders and the exports but
// keeps its rows. Also the no-account CSV (paper mail) and the progress per day.
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it, vi } from "vitest";
import { auditLog, emailOutbox, surveyMailsSent, surveyResponses, surveyTargets } from "@/db/schema";
import { createRosterEntry } from "@/db/seed/factories";
import type { AdminScope } from "@/lib/admin/scope";
import { HOUR, testClock } from "@/lib/clock";
import { decideResponse } from "@/lib/survey/admin-review";
import { addTarget, createDraftSurvey, listTargets, openDraftSurvey, removeTarget } from "@/lib/survey/admin-surveys";
import { NO_ACCOUNT_HEADER, surveyRows } from "@/lib/survey/export";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { progressByDay, progressCounts } from "@/lib/survey/progress";
import { previewReminderRound } from "@/lib/survey/reminders";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createMember } from "../support/member-factories";
import { createFamily } from "../support/survey-factories";

const state = vi.hoisted(() => ({ db: undefined as unknown, scope: null as AdminScope | null }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/admin/require-admin", () => ({ adminScopeFromRequest: async () => state.scope }));
const route = await import("@/app/admin/(signed-in)/surveys/[id]/no-account.csv/route");

const NOW = "2026-12-05T03:00:00Z";
const DAY = 24 * HOUR;

describeEachDatabase("survey changes while open", (t) => {
  async function openYear() {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const a = await createFamily(t.db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const b = await createFamily(t.db, clock, union.id, [{ birthDate: "1985-01-01", relationship: "妻" }]);
    const paper = await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch: "00", relationship: "本人", isInsured: true, name: "=紙 太郎", kanaName: "カミ タロウ" });
    for (const branch of ["01", "02"]) await createRosterEntry(t.db, { unionId: union.id, symbol: "9001", number: "77", branch, relationship: "子", birthDate: "2015-05-05" });
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31", reminderDates: ["2026-12-20"] });
    if (!made.ok) throw new Error(made.message);
    expect(await openDraftSurvey(t.db, clock, scope, made.survey.id)).toMatchObject({ ok: true, responses: 3, mails: 2 });
    return { clock, union, scope, a, b, paper, survey: made.survey };
  }

  it("adding a household to an open survey makes its response and sends the start mail once; removing takes it out of progress, reminders and the export", async () => {
    const { clock, union, scope, b, survey } = await openYear();
    // A member whose dependent was not in the roster when the survey opened.
    const late = await createMember(t.db, { unionId: union.id, clock });
    const dep = await createRosterEntry(t.db, { unionId: union.id, symbol: late.rosterEntry.symbol, number: late.rosterEntry.number, branch: "01", relationship: "子", birthDate: "2012-01-01" });
    const add = { symbol: dep.symbol, number: dep.number, branch: "01", reason: "出生後の追加" };
    const added = await addTarget(t.db, clock, scope, survey.id, add);
    expect(added).toMatchObject({ ok: true, outboxIds: [expect.any(Number)] });
    const [response] = await t.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.insuredEntryId, late.rosterEntry.id)));
    expect(response).toMatchObject({ status: "not_started", memberId: late.member.id, removedAt: null });
    expect((await progressCounts(t.db, survey.id)).total).toBe(4);
    const ref = { memberId: late.member.id, unionId: union.id, insuredEntryId: late.rosterEntry.id };
    expect((await loadMemberSurvey(t.db, clock, ref))?.dependents.map((d) => d.entry.id)).toEqual([dep.id]);

    // Out and in again: no second start mail.
    const [target] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.rosterEntryId, dep.id)));
    expect(await removeTarget(t.db, clock, scope, survey.id, { targetId: target.id, reason: "誤って追加" })).toEqual({ ok: true });
    expect((await progressCounts(t.db, survey.id)).total).toBe(3);
    expect(await loadMemberSurvey(t.db, clock, ref)).toBeNull();
    expect(await addTarget(t.db, clock, scope, survey.id, add)).toEqual({ ok: true, outboxIds: [] });
    const starts = await t.db.select().from(surveyMailsSent).where(and(eq(surveyMailsSent.surveyId, survey.id), eq(surveyMailsSent.memberId, late.member.id)));
    expect(starts).toHaveLength(1);
    expect((await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, late.email)))).toHaveLength(1);

    // Removing b's only dependent takes the household out everywhere, and keeps the rows.
    const [bTarget] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.insuredEntryId, b.rosterEntry.id)));
    expect(await removeTarget(t.db, clock, scope, survey.id, { targetId: bTarget.id, reason: "資格喪失" })).toEqual({ ok: true });
    const [bResponse] = await t.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.insuredEntryId, b.rosterEntry.id)));
    expect(bResponse.removedAt).toEqual(clock.now());
    expect((await progressCounts(t.db, survey.id)).total).toBe(3);
    expect(await previewReminderRound(t.db, survey, new Date("2026-12-20T01:00:00Z"))).toBe(2); // a and late, not b
    const exported: unknown[][] = [];
    for await (const batch of surveyRows(t.db, survey.id)) exported.push(...batch);
    expect(exported.map((r) => r[1])).not.toContain(b.rosterEntry.number);
    const events = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.survey.target_remove"), eq(auditLog.target, `survey:${survey.id}`)));
    expect(events.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(["誤って追加", "資格喪失"].sort());

    // The page's lists: the hand-made changes only, or one household's targets by 記号・番号.
    const changed = await listTargets(t.db, survey.id, { limit: 200, offset: 0, changed: true });
    expect(changed.map((r) => [r.number, r.branch, r.addedBy, r.removedAt !== null]).sort()).toEqual(
      [[dep.number, "01", "manual", false], [b.rosterEntry.number, "01", "rule", true]].sort(),
    );
    const household = await listTargets(t.db, survey.id, { limit: 200, offset: 0, household: { unionId: union.id, symbol: b.rosterEntry.symbol, number: b.rosterEntry.number } });
    expect(household.map((r) => r.id)).toEqual([bTarget.id]);
    expect(await listTargets(t.db, survey.id, { limit: 200, offset: 0, household: { unionId: union.id + 999, symbol: b.rosterEntry.symbol, number: b.rosterEntry.number } })).toEqual([]);

    // Another union's admin changes nothing.
    const other = await unionWithAdmin(t.db);
    expect(await addTarget(t.db, clock, other.scope, survey.id, add)).toEqual({ ok: false, error: "not_found" });
    expect(await removeTarget(t.db, clock, other.scope, survey.id, { targetId: target.id, reason: "x" })).toEqual({ ok: false, error: "not_found" });
  });

  it("exports the households without an account (paper mail): BOM UTF-8 or Shift_JIS, formula-safe, scoped, audited", async () => {
    const { union, scope, paper, survey } = await openYear();
    state.db = t.db;
    state.scope = null;
    const url = (id: number, q = "") => new Request(`http://localhost/admin/surveys/${id}/no-account.csv${q}`);
    const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
    expect((await route.GET(url(survey.id), params(survey.id))).status).toBe(404);
    state.scope = (await unionWithAdmin(t.db)).scope;
    expect((await route.GET(url(survey.id), params(survey.id))).status).toBe(404);
    state.scope = scope;
    const res = await route.GET(url(survey.id), params(survey.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("no-account.csv");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString("utf8"));
    expect(rows).toEqual([NO_ACCOUNT_HEADER, ["9001", "77", "'=紙 太郎", "カミ タロウ", paper.birthDate, "2", "未回答"]]);
    const sjis = await route.GET(url(survey.id, "?encoding=sjis"), params(survey.id));
    expect(parse(iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932"))[1][3]).toBe("カミ タロウ");
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.exported"), eq(auditLog.unionId, union.id)));
    expect(audits.map((a) => a.target)).toEqual(["surveys/no-account.csv", "surveys/no-account.csv"]);
  });

  it("counts submissions and approvals per day, cumulative over the window", async () => {
    const { clock, scope, a, survey } = await openYear();
    expect(await progressByDay(t.db, survey, new Date("2026-12-01T00:00:00Z"))).toEqual([]);
    clock.advance(2 * DAY);
    const child = a.dependents[0];
    await saveAnswers(t.db, clock, a.ref, { dependentEntryId: child.id, answers: { continuation: "continue", occupation: "student", annualIncome: 0, incomeKinds: [], residence: "together" }, rosterCorrection: null });
    await setDocumentsRead(t.db, clock, a.ref, true);
    const s = (await loadMemberSurvey(t.db, clock, a.ref))!;
    expect((await submitResponse(t.db, clock, a.ref, { version: s.response.version })).ok).toBe(true);
    clock.advance(DAY);
    const v = (await loadMemberSurvey(t.db, clock, a.ref))!.response.version;
    expect(await decideResponse(t.db, clock, scope, { surveyId: survey.id, responseId: s.response.id, version: v, decision: "approve", outcomes: { [child.id]: { outcome: "continue" } } })).toMatchObject({ ok: true });
    const days = await progressByDay(t.db, survey, new Date("2026-12-09T05:00:00Z"));
    expect(days.map((d) => d.day)).toEqual(["2026-12-05", "2026-12-06", "2026-12-07", "2026-12-08", "2026-12-09"]);
    expect(days.map((d) => [d.submitted, d.approved])).toEqual([[0, 0], [0, 0], [1, 0], [1, 1], [1, 1]]);
  });
});
