// The union's review of one response on both databases: answers and hints, outcomes per dependent,
// 差し戻し with a reason (the member sees it and gets a mail, can fix and resubmit), 承認; two
// reviewers at once (version check, nothing overwritten); another union's ids are not found.
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, emailOutbox, surveyAnswers, surveyResponses } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { decideResponse, loadReview, STALE_MESSAGE } from "@/lib/survey/admin-review";
import { createDraftSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";

describeEachDatabase("survey admin review", (t) => {
  async function submitted() {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fam = await createFamily(t.db, clock, union.id, [
      { birthDate: "2006-04-02", relationship: "子" },
      { birthDate: "1985-01-01", relationship: "妻" },
    ]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    const [child, wife] = fam.dependents;
    await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: child.id, answers: { continuation: "continue", occupation: "student", annualIncome: 1_600_000, incomeKinds: ["salary"], residence: "together" }, rosterCorrection: null });
    await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: wife.id, answers: { continuation: "remove", removalReason: "job", removalDate: "2026-11-01" }, rosterCorrection: null });
    await setDocumentsRead(t.db, clock, fam.ref, true);
    const s = (await loadMemberSurvey(t.db, clock, fam.ref))!;
    expect((await submitResponse(t.db, clock, fam.ref, { version: s.response.version })).ok).toBe(true);
    return { clock, union, scope, fam, child, wife, surveyId: made.survey.id, responseId: s.response.id };
  }

  it("shows each dependent's answers with the hints the member saw", async () => {
    const { scope, surveyId, responseId, child, wife } = await submitted();
    const c = (await loadReview(t.db, scope, surveyId, responseId))!;
    expect(c.response.status).toBe("submitted");
    expect(c.dependents.map((d) => d.entry.id)).toEqual([child.id, wife.id]);
    expect(c.dependents[0].lines).toContainEqual({ label: "年間収入見込額", value: "1,600,000円" });
    expect(c.dependents[0].limitText).toContain("150万円未満");
    expect(c.dependents[0].warnings.join()).toContain("扶養の条件を満たさない可能性");
    expect(c.dependents[0].documents.length).toBeGreaterThan(0);
    expect(c.dependents[1]).toMatchObject({ limitText: null, warnings: [] });
  });

  it("差し戻し needs a reason; the member sees it, gets a mail, fixes and resubmits; then 承認 with outcomes", async () => {
    const { clock, scope, surveyId, responseId, child, wife, fam } = await submitted();
    const v = (await loadReview(t.db, scope, surveyId, responseId))!.response.version;
    expect(await decideResponse(t.db, clock, scope, { surveyId, responseId, version: v, decision: "return", reason: "  ", outcomes: {} })).toMatchObject({ ok: false, error: "bad_reason" });
    expect(await decideResponse(t.db, clock, scope, { surveyId, responseId, version: v, decision: "return", reason: "在学証明書を提出してください", outcomes: { [child.id]: { outcome: "missing_documents" } } })).toMatchObject({ ok: true });
    const seen = (await loadMemberSurvey(t.db, clock, fam.ref))!;
    expect(seen).toMatchObject({ status: "returned", editable: true });
    expect(seen.response.returnedReason).toBe("在学証明書を提出してください");
    const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, fam.email), eq(emailOutbox.template, "survey-returned")));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("在学証明書を提出してください");
    // The member fixes and resubmits.
    expect((await saveAnswers(t.db, clock, fam.ref, { dependentEntryId: child.id, answers: { continuation: "continue", occupation: "student", annualIncome: 1_000_000, incomeKinds: ["salary"], residence: "together" }, rosterCorrection: null })).ok).toBe(true);
    const again = (await loadMemberSurvey(t.db, clock, fam.ref))!;
    expect((await submitResponse(t.db, clock, fam.ref, { version: again.response.version })).ok).toBe(true);
    // 承認 needs an outcome for everyone, and a date for 削除.
    const v2 = (await loadReview(t.db, scope, surveyId, responseId))!.response.version;
    const missing = await decideResponse(t.db, clock, scope, { surveyId, responseId, version: v2, decision: "approve", outcomes: { [child.id]: { outcome: "continue" }, [wife.id]: { outcome: "remove", removalDate: "2026-02-30" } } });
    expect(missing).toMatchObject({ ok: false, error: "bad_outcome", fieldErrors: { [`removalDate-${wife.id}`]: expect.any(String) } });
    expect(await decideResponse(t.db, clock, scope, { surveyId, responseId, version: v2, decision: "approve", outcomes: { [child.id]: { outcome: "continue" }, [wife.id]: { outcome: "remove", removalDate: "2026-11-01" } } })).toMatchObject({ ok: true });
    expect((await loadMemberSurvey(t.db, clock, fam.ref))!).toMatchObject({ status: "approved", editable: false });
    const answers = await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId));
    expect(Object.fromEntries(answers.map((a) => [a.dependentEntryId, [a.outcome, a.removalDate, a.reviewedByAdminId]]))).toEqual({ [child.id]: ["continue", null, scope.admin.id], [wife.id]: ["remove", "2026-11-01", scope.admin.id] });
    const events = (await t.db.select().from(auditLog).where(eq(auditLog.target, `survey_response:${responseId}`))).map((e) => e.event);
    expect(events).toEqual(["admin.survey.return", "admin.survey.approve"]);
  });

  it("two reviewers at once: the second gets the reload message and nothing of theirs is written", async () => {
    const { clock, scope, surveyId, responseId, child, wife } = await submitted();
    const v = (await loadReview(t.db, scope, surveyId, responseId))!.response.version;
    const approve = { surveyId, responseId, version: v, decision: "approve" as const, outcomes: { [child.id]: { outcome: "continue" }, [wife.id]: { outcome: "remove", removalDate: "2026-11-01" } } };
    const send = { surveyId, responseId, version: v, decision: "return" as const, reason: "別の担当者の理由", outcomes: { [child.id]: { outcome: "missing_documents" } } };
    const results = await Promise.all([decideResponse(t.db, clock, scope, approve), decideResponse(t.db, clock, scope, send)]);
    const oks = results.filter((r) => r.ok);
    expect(oks).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: "stale", message: STALE_MESSAGE });
    const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId));
    expect(row.version).toBe(v + 1);
    const [childAnswer] = await t.db.select().from(surveyAnswers).where(and(eq(surveyAnswers.responseId, responseId), eq(surveyAnswers.dependentEntryId, child.id)));
    expect(childAnswer.outcome).toBe(row.status === "approved" ? "continue" : "missing_documents");
    expect(row.returnedReason).toBe(row.status === "approved" ? null : "別の担当者の理由");
    // A late save with the old version changes nothing either.
    expect(await decideResponse(t.db, clock, scope, { ...approve })).toMatchObject({ ok: false, error: "stale" });
  });

  it("another union's admin, or this survey's id with another survey's response, gets not found and changes nothing", async () => {
    const { clock, scope, surveyId, responseId, child } = await submitted();
    const other = await unionWithAdmin(t.db);
    const v = (await loadReview(t.db, scope, surveyId, responseId))!.response.version;
    expect(await loadReview(t.db, other.scope, surveyId, responseId)).toBeNull();
    const input = { surveyId, responseId, version: v, decision: "return" as const, reason: "x", outcomes: { [child.id]: { outcome: "continue" } } };
    expect(await decideResponse(t.db, clock, other.scope, input)).toMatchObject({ ok: false, error: "not_found" });
    // Their own survey id with our response id.
    const theirs = await createDraftSurvey(t.db, clock, other.scope, { unionId: other.union.id, title: "他組合", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!theirs.ok) throw new Error(theirs.message);
    expect(await loadReview(t.db, other.scope, theirs.survey.id, responseId)).toBeNull();
    expect(await decideResponse(t.db, clock, other.scope, { ...input, surveyId: theirs.survey.id })).toMatchObject({ ok: false, error: "not_found" });
    const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId));
    expect(row).toMatchObject({ status: "submitted", version: v, returnedReason: null });
    expect((await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId))).every((a) => a.outcome === null)).toBe(true);
  });
});
