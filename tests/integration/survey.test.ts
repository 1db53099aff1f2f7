// The member's half of the survey on both databases: opening a survey, drafts, submit (once, also
// when two arrive together), 差し戻し and resubmit, approval, and isolation between members by id.
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { emailOutbox, members, rosterEntries, surveyAnswers, surveyResponses, surveyTargets } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { checkSession, createMemberSession } from "@/lib/auth/sessions";
import { MINUTE, testClock } from "@/lib/clock";
import type { Answers } from "@/lib/survey/answers-schema";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { fiscalYearOf, openSurvey } from "@/lib/survey/open-survey";
import { approveResponse, returnResponse } from "@/lib/survey/review";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { describeEachDatabase } from "../support/databases";
import { createFamily, openTestSurvey } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";
const student: Answers = { continuation: "continue", occupation: "student", annualIncome: 300_000, incomeKinds: ["salary"], residence: "together" };
const removed: Answers = { continuation: "remove", removalReason: "job", removalDate: "2026-11-01" };

describeEachDatabase("survey", (t) => {
  async function setup() {
    const clock = testClock(NOW);
    const union = await createUnion(t.db);
    const a = await createFamily(t.db, clock, union.id, [
      { birthDate: "2006-04-02", relationship: "子" },
      { birthDate: "1960-01-01", relationship: "母" },
    ]);
    const b = await createFamily(t.db, clock, union.id, [{ birthDate: "1985-01-01", relationship: "妻" }]);
    const opened = await openTestSurvey(t.db, clock, union.id);
    return { clock, union, a, b, opened };
  }

  async function answerAll(clock: ReturnType<typeof testClock>, fam: Awaited<ReturnType<typeof createFamily>>) {
    for (const d of fam.dependents) expect(await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: d.id, answers: student, rosterCorrection: null })).toEqual({ ok: true, complete: true });
    expect((await setDocumentsRead(t.db, clock, fam.ref, true)).ok).toBe(true);
    return (await loadMemberSurvey(t.db, clock, fam.ref))!;
  }

  it("openSurvey targets every active dependent and makes one response per insured person", async () => {
    const clock = testClock(NOW);
    const union = await createUnion(t.db);
    const fam = await createFamily(t.db, clock, union.id, [
      { birthDate: "2010-01-01", relationship: "子" },
      { birthDate: "2012-01-01", relationship: "子", active: false },
    ]);
    const lonely = await createFamily(t.db, clock, union.id, []);
    const result = await openTestSurvey(t.db, clock, union.id);
    expect(result).toMatchObject({ targets: 1, responses: 1 });
    expect(result.survey).toMatchObject({ fiscalYear: 2026, status: "open", baseDate: "2026-12-05" });
    expect(result.survey.opensAt.toISOString()).toBe("2026-12-04T15:00:00.000Z");
    expect(result.survey.closesAt.toISOString()).toBe("2027-03-31T15:00:00.000Z");
    const targets = await t.db.select().from(surveyTargets).where(eq(surveyTargets.surveyId, result.survey.id));
    expect(targets.map((x) => [x.rosterEntryId, x.insuredEntryId, x.addedBy])).toEqual([[fam.dependents[0].id, fam.rosterEntry.id, "rule"]]);
    const responses = await t.db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, result.survey.id));
    expect(responses).toMatchObject([{ insuredEntryId: fam.rosterEntry.id, memberId: fam.member.id, status: "not_started", version: 0 }]);
    expect(await loadMemberSurvey(t.db, clock, lonely.ref)).toBeNull();
  });

  it("openSurvey refuses a second survey in the same fiscal year and bad input", async () => {
    const clock = testClock(NOW);
    const union = await createUnion(t.db);
    await openTestSurvey(t.db, clock, union.id);
    const again = await openSurvey(t.db, clock, { unionId: union.id, title: "x", opensOn: "2027-01-10", closesOn: "2027-02-01" });
    expect(again).toMatchObject({ ok: false, error: "exists" });
    const base = { unionId: union.id, title: "令和9年度", opensOn: "2027-12-01", closesOn: "2027-12-31" };
    expect(await openSurvey(t.db, clock, { ...base, closesOn: "2027-11-30" })).toMatchObject({ ok: false, error: "closes_before_opens" });
    expect(await openSurvey(t.db, clock, { ...base, opensOn: "2027-02-30" })).toMatchObject({ ok: false, error: "bad_date" });
    expect(await openSurvey(t.db, clock, { ...base, opensOn: "2026-01-01", closesOn: "2026-01-31" })).toMatchObject({ ok: false, error: "closes_in_past" });
    expect(await openSurvey(t.db, clock, { ...base, title: "  " })).toMatchObject({ ok: false, error: "bad_title" });
    expect(await openSurvey(t.db, clock, { ...base, reminderDates: ["2028-01-05"] })).toMatchObject({ ok: false, error: "bad_reminder" });
    expect(await openSurvey(t.db, clock, { ...base, unionId: 999_999 })).toMatchObject({ ok: false, error: "no_union" });
    expect(fiscalYearOf("2027-03-31")).toBe(2026);
    expect(fiscalYearOf("2027-04-01")).toBe(2027);
  });

  it("saves drafts server-side: they are there after the session has timed out and the member logs in again", async () => {
    const { clock, a } = await setup();
    const session = await createMemberSession(t.db, clock, a.member.id, { ip: "192.0.2.1", userAgent: "vitest" });
    const draft: Answers = { continuation: "continue", occupation: "student" };
    expect(await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[0].id, answers: draft, rosterCorrection: "生年月日が違います" })).toEqual({ ok: true, complete: false });
    clock.advance(31 * MINUTE);
    expect(await checkSession(t.db, clock, session.sessionId)).toEqual({ ok: false, reason: "idle" });
    await createMemberSession(t.db, clock, a.member.id, { ip: "192.0.2.1", userAgent: "vitest" });
    const s = (await loadMemberSurvey(t.db, clock, a.ref))!;
    expect(s.status).toBe("in_progress");
    expect(s.dependents[0]).toMatchObject({ answers: draft, rosterCorrection: "生年月日が違います", state: "in_progress" });
    expect(Object.keys(s.dependents[0].missing)).toEqual(["annualIncome", "residence"]);
    expect(s.dependents[1].state).toBe("not_started");
    expect(s.readyToSubmit).toBe(false);
  });

  it("submits once: a second submit says already submitted and changes nothing; a receipt mail is queued", async () => {
    const { clock, a } = await setup();
    expect(await submitResponse(t.db, clock, a.ref, { version: 1 })).toEqual({ ok: false, error: "incomplete" });
    const s = await answerAll(clock, a);
    expect(s.readyToSubmit).toBe(true);
    const first = await submitResponse(t.db, clock, a.ref, { version: s.response.version });
    expect(first).toMatchObject({ ok: true, mailQueued: true });
    const [after] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, s.response.id));
    expect(after).toMatchObject({ status: "submitted", submitCount: 1, version: s.response.version + 1 });
    clock.advance(MINUTE);
    expect(await submitResponse(t.db, clock, a.ref, { version: after.version })).toEqual({ ok: false, error: "already_submitted" });
    expect(await submitResponse(t.db, clock, a.ref, { version: s.response.version })).toEqual({ ok: false, error: "already_submitted" });
    const [again] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, s.response.id));
    expect(again).toEqual(after);
    const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, a.email), eq(emailOutbox.template, "survey-receipt")));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("令和8年度 被扶養者資格調査");
    // Answers are read-only now.
    expect(await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[0].id, answers: removed, rosterCorrection: null })).toEqual({ ok: false, error: "locked" });
    expect(await setDocumentsRead(t.db, clock, a.ref, false)).toEqual({ ok: false, error: "locked" });
  });

  it("two submits at once make one submission and one mail", async () => {
    const { clock, a } = await setup();
    const s = await answerAll(clock, a);
    const results = await Promise.allSettled([submitResponse(t.db, clock, a.ref, { version: s.response.version }), submitResponse(t.db, clock, a.ref, { version: s.response.version })]);
    const values = results.map((r) => (r.status === "fulfilled" ? r.value : { ok: false, error: String(r.reason) }));
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.filter((v) => !v.ok)).toEqual([{ ok: false, error: "already_submitted" }]);
    const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, s.response.id));
    expect(row.submitCount).toBe(1);
    expect(await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, a.email), eq(emailOutbox.template, "survey-receipt")))).toHaveLength(1);
  });

  it("a stale confirm page (answers changed since) is refused as changed", async () => {
    const { clock, a } = await setup();
    const s = await answerAll(clock, a);
    expect(await submitResponse(t.db, clock, a.ref, { version: s.response.version - 1 })).toEqual({ ok: false, error: "changed" });
  });

  it("差し戻し: the member sees the reason, edits and submits again; then 承認", async () => {
    const { clock, a } = await setup();
    const s = await answerAll(clock, a);
    // Only a submitted response can be returned or approved.
    expect(await returnResponse(t.db, clock, { responseId: s.response.id, reason: "書類が不足しています" })).toEqual({ ok: false, error: "not_submitted" });
    expect(await approveResponse(t.db, clock, { responseId: s.response.id })).toEqual({ ok: false, error: "not_submitted" });
    expect((await submitResponse(t.db, clock, a.ref, { version: s.response.version })).ok).toBe(true);
    expect(await returnResponse(t.db, clock, { responseId: s.response.id, reason: "   " })).toEqual({ ok: false, error: "bad_reason" });
    expect(await returnResponse(t.db, clock, { responseId: s.response.id, reason: "在学証明書が読めません" })).toEqual({ ok: true });
    const returned = (await loadMemberSurvey(t.db, clock, a.ref))!;
    expect(returned).toMatchObject({ status: "returned", editable: true, readyToSubmit: true });
    expect(returned.response.returnedReason).toBe("在学証明書が読めません");
    expect(await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[1].id, answers: removed, rosterCorrection: null })).toEqual({ ok: true, complete: true });
    const edited = (await loadMemberSurvey(t.db, clock, a.ref))!;
    expect(edited.dependents[1].documents).toEqual([]);
    const resubmit = await submitResponse(t.db, clock, a.ref, { version: edited.response.version });
    expect(resubmit.ok).toBe(true);
    const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, s.response.id));
    expect(row).toMatchObject({ status: "submitted", submitCount: 2 });
    expect(await approveResponse(t.db, clock, { responseId: s.response.id, adminId: null })).toEqual({ ok: true });
    const approved = (await loadMemberSurvey(t.db, clock, a.ref))!;
    expect(approved).toMatchObject({ status: "approved", editable: false, confirmState: "done" });
    expect(await returnResponse(t.db, clock, { responseId: s.response.id, reason: "x" })).toEqual({ ok: false, error: "not_submitted" });
  });

  it("another member can never write or read this member's answers by id", async () => {
    const { clock, a, b } = await setup();
    await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[0].id, answers: student, rosterCorrection: null });
    expect(await saveAnswers(t.db, clock, b.ref, { dependentEntryId: a.dependents[0].id, answers: removed, rosterCorrection: null })).toEqual({ ok: false, error: "not_found" });
    // A roster row of the same union that is not a target at all.
    const [insuredRow] = await t.db.select().from(rosterEntries).where(eq(rosterEntries.id, a.rosterEntry.id));
    expect(await saveAnswers(t.db, clock, b.ref, { dependentEntryId: insuredRow.id, answers: removed, rosterCorrection: null })).toEqual({ ok: false, error: "not_found" });
    const seenByB = (await loadMemberSurvey(t.db, clock, b.ref))!;
    expect(seenByB.dependents.map((d) => d.entry.id)).toEqual([b.dependents[0].id]);
    const rows = await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.dependentEntryId, a.dependents[0].id));
    expect(rows).toHaveLength(1);
    expect(rows[0].answers).toEqual(student);
  });

  it("outside the window nothing can be saved; a returned response can still be answered after the deadline", async () => {
    const { clock, a } = await setup();
    const before = testClock("2026-12-01T00:00:00Z");
    expect(await saveAnswers(t.db, before, a.ref, { dependentEntryId: a.dependents[0].id, answers: student, rosterCorrection: null })).toEqual({ ok: false, error: "closed" });
    expect((await loadMemberSurvey(t.db, before, a.ref))!.phase).toBe("before");
    const s = await answerAll(clock, a);
    const late = testClock("2027-04-01T00:00:00Z");
    expect(await submitResponse(t.db, late, a.ref, { version: s.response.version })).toEqual({ ok: false, error: "closed" });
    expect((await submitResponse(t.db, clock, a.ref, { version: s.response.version })).ok).toBe(true);
    await returnResponse(t.db, clock, { responseId: s.response.id, reason: "もう一度" });
    expect(await saveAnswers(t.db, late, a.ref, { dependentEntryId: a.dependents[0].id, answers: removed, rosterCorrection: null })).toEqual({ ok: true, complete: true });
  });

  it("a member who signs up after the survey opened answers the response of their roster row", async () => {
    const { clock, a } = await setup();
    await t.db.update(surveyResponses).set({ memberId: null }).where(eq(surveyResponses.insuredEntryId, a.rosterEntry.id));
    expect((await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[0].id, answers: student, rosterCorrection: null })).ok).toBe(true);
    const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.insuredEntryId, a.rosterEntry.id));
    expect(row.memberId).toBe(a.member.id);
    expect((await t.db.select().from(members).where(eq(members.id, a.member.id)))[0].rosterEntryId).toBe(a.rosterEntry.id);
  });
});
