// The next year's survey (issue 10) on both databases: accounts carried over or reset (closed
// accounts refused at login with their own message, the person signs up again, even with the
// same user ID), the old survey read-only and hidden from members, and nothing for another union.
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, members, sessions, surveyResponses, surveys, surveyTargets } from "@/db/schema";
import { dashboardStats, signupsPerDay } from "@/lib/admin/dashboard";
import { runMemberAction } from "@/lib/admin/members/actions";
import { memberDetail } from "@/lib/admin/members/detail";
import { memberSearchParams, searchMembers } from "@/lib/admin/members/search";
import { login } from "@/lib/auth/login";
import { openMemberSession } from "@/lib/auth/sessions";
import { testClock, type Clock } from "@/lib/clock";
import { listMailbox } from "@/lib/email/mailbox";
import { decideResponse } from "@/lib/survey/admin-review";
import { reopenCase } from "@/lib/survey/reopen";
import { addTarget, closeSurvey, createDraftSurvey, openDraftSurvey, removeTarget, surveyIsCurrent } from "@/lib/survey/admin-surveys";
import { findMemberResponse, loadMemberSurvey } from "@/lib/survey/member-survey";
import { createNextYearSurvey, type NextYearInput } from "@/lib/survey/next-year";
import { progressCounts } from "@/lib/survey/progress";
import { completeSignup } from "@/lib/signup/complete-signup";
import { matchRoster } from "@/lib/signup/match-roster";
import { findSignupRequest } from "@/lib/signup/request";
import { saveAccount } from "@/lib/signup/save-account";
import { accountSchema, rosterMatchSchema } from "@/lib/signup/schemas";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { DEFAULT_PASSWORD } from "../support/member-factories";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";
const newIp = () => `203.0.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const nextInput = (over: Partial<NextYearInput> = {}): NextYearInput => ({ title: "令和9年度 被扶養者資格調査", opensOn: "2027-12-01", closesOn: "2028-01-31", accounts: "carry", ...over });

describeEachDatabase("survey next year", (t) => {
  /** A union whose 2026 survey ran and closed, with a member (with a live session) and a family without an account. */
  async function closedYear() {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fam = await createFamily(t.db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const fam2 = await createFamily(t.db, clock, union.id, [{ birthDate: "1990-01-01", relationship: "妻" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    await t.db.transaction((tx) => openMemberSession(tx, clock, fam.member.id, { ip: "127.0.0.1" }));
    clock.set("2027-02-10T00:00:00Z");
    expect(await closeSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: true });
    return { clock, union, scope, fam, fam2, old: made.survey };
  }

  async function signUpAgain(clock: Clock, fam: Awaited<ReturnType<typeof closedYear>>["fam"], unionCode: string, userId: string) {
    const typed = rosterMatchSchema.parse({ insurerCode: unionCode, symbol: fam.rosterEntry.symbol, number: fam.rosterEntry.number, birthDate: fam.rosterEntry.birthDate, kanaName: fam.rosterEntry.kanaName });
    const matched = await matchRoster(t.db, clock, typed, { ip: newIp() });
    if (!matched.ok) return matched;
    const request = (await findSignupRequest(t.db, clock, matched.token))!;
    const email = `again-${crypto.randomBytes(3).toString("hex")}@example.jp`;
    const saved = await saveAccount(t.db, clock, request, accountSchema.parse({ userId, email, password: "Again#2027y", passwordConfirm: "Again#2027y" }), { ip: newIp() });
    if (!saved.ok) return { ok: false as const, reason: JSON.stringify(saved) };
    const [mail] = await listMailbox(t.db, { to: email });
    const code = /^(\d{6})$/m.exec(mail?.text ?? "")?.[1] ?? "";
    return completeSignup(t.db, clock, (await findSignupRequest(t.db, clock, matched.token))!, code, { ip: newIp() });
  }

  it("reset: needs a reason and a confirmation, closes every account and ends sessions, login says so, and the person signs up again with the same user ID", async () => {
    const { clock, union, scope, fam, old } = await closedYear();
    expect(await createNextYearSurvey(t.db, clock, scope, old.id, nextInput({ accounts: "reset", reason: " ", confirmed: true }))).toMatchObject({ ok: false, error: "bad_reason", field: "reason" });
    expect(await createNextYearSurvey(t.db, clock, scope, old.id, nextInput({ accounts: "reset", reason: "年度替わりのため" }))).toMatchObject({ ok: false, error: "not_confirmed" });
    expect(await t.db.select().from(surveys).where(eq(surveys.unionId, union.id))).toHaveLength(1);
    const before = await dashboardStats(t.db, clock, scope, [union.id]);
    expect(before.accounts).toBe(2);

    const made = await createNextYearSurvey(t.db, clock, scope, old.id, nextInput({ accounts: "reset", reason: "年度替わりのため", confirmed: true }));
    if (!made.ok) throw new Error(made.message);
    expect(made).toMatchObject({ closedAccounts: 2, endedSessions: 1, survey: { status: "draft", fiscalYear: 2027 } });
    expect(await t.db.select({ n: surveyTargets.id }).from(surveyTargets).where(eq(surveyTargets.surveyId, made.survey.id))).toHaveLength(2);
    const [closed] = await t.db.select().from(members).where(eq(members.id, fam.member.id));
    expect(closed).toMatchObject({ closedReason: "年度替わりのため", closedAt: expect.any(Date), disabledAt: expect.any(Date) });
    expect(await t.db.select().from(sessions).where(and(eq(sessions.memberId, fam.member.id), isNull(sessions.endedAt)))).toEqual([]);
    const [event] = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.accounts_reset"), eq(auditLog.unionId, union.id)));
    expect(event).toMatchObject({ actorType: "admin", actorId: String(scope.admin.id), details: { fromSurveyId: old.id, reason: "年度替わりのため", closedAccounts: 2 } });
    // The dashboard counts closed accounts and their consents no more; the sign-up chart keeps their day.
    expect(await dashboardStats(t.db, clock, scope, [union.id])).toMatchObject({ accounts: 0, consented: 0 });
    expect((await signupsPerDay(t.db, clock, scope, [union.id], 400)).reduce((n, d) => n + d.count, 0)).toBe(2);

    // The closed account cannot log in, with its own message (after the password was checked).
    expect(await login(t.db, clock, { userId: fam.userId, password: DEFAULT_PASSWORD }, { ip: newIp() })).toEqual({ ok: false, reason: "closed" });
    expect(await login(t.db, clock, { userId: fam.userId, password: "Wrong#pass1" }, { ip: newIp() })).toEqual({ ok: false, reason: "invalid" });

    // Sign-up treats the closed account as none; the same user ID may be chosen again.
    const again = await signUpAgain(clock, fam, union.code, fam.userId.toUpperCase());
    expect(again).toMatchObject({ ok: true });
    const rows = await t.db.select().from(members).where(eq(members.rosterEntryId, fam.rosterEntry.id));
    expect(rows).toHaveLength(2);
    const fresh = rows.find((r) => !r.closedAt)!;
    const loggedIn = await login(t.db, clock, { userId: fam.userId, password: "Again#2027y" }, { ip: newIp() });
    expect(loggedIn).toMatchObject({ ok: true, memberId: fresh.id });
    expect((await dashboardStats(t.db, clock, scope, [union.id])).accounts).toBe(1);
    // The admin screens see the open account only; the closed one takes no action (利用再開 included).
    expect((await memberDetail(t.db, scope, fam.rosterEntry.id))?.account?.member.id).toBe(fresh.id);
    const found = await searchMembers(t.db, scope, memberSearchParams.parse({ q: `${fam.rosterEntry.symbol}-${fam.rosterEntry.number}` }));
    expect(found.rows.map((r) => r.memberId)).toEqual([fresh.id]);
    expect(await runMemberAction(t.db, clock, scope, "enable", { memberId: fam.member.id, reason: "誤って停止" }, { ip: "10.0.0.1" })).toEqual({ ok: false, reason: "not_found" });
    expect((await t.db.select().from(members).where(eq(members.id, fam.member.id)))[0].disabledAt).not.toBeNull();
    // …and a second account for the same person is still refused.
    expect(await signUpAgain(clock, fam, union.code, `other_${crypto.randomBytes(3).toString("hex")}`)).toMatchObject({ ok: false, reason: "already_registered" });
  });

  it("carry over keeps accounts; the old survey is read-only and members see only the current one", async () => {
    const { clock, scope, fam, fam2, old } = await closedYear();
    expect(await createNextYearSurvey(t.db, clock, scope, 999_999, nextInput())).toMatchObject({ ok: false, error: "not_found" });
    const other = await unionWithAdmin(t.db);
    expect(await createNextYearSurvey(t.db, clock, other.scope, old.id, nextInput({ accounts: "reset", reason: "x", confirmed: true }))).toMatchObject({ ok: false, error: "not_found" });
    expect((await t.db.select().from(members).where(eq(members.id, fam.member.id)))[0].closedAt).toBeNull();

    // While the new one is a draft, members still see last year's (closed, not editable).
    const made = await createNextYearSurvey(t.db, clock, scope, old.id, nextInput());
    if (!made.ok) throw new Error(made.message);
    expect(made.closedAccounts).toBe(0);
    expect(await login(t.db, clock, { userId: fam.userId, password: DEFAULT_PASSWORD }, { ip: newIp() })).toMatchObject({ ok: true });
    expect(await loadMemberSurvey(t.db, clock, fam.ref)).toMatchObject({ survey: { id: old.id }, editable: false });
    expect(await createNextYearSurvey(t.db, clock, scope, old.id, nextInput({ opensOn: "2028-12-01", closesOn: "2029-01-31" }))).toMatchObject({ ok: false, error: "not_current" });
    expect(await surveyIsCurrent(t.db, old)).toBe(false);
    // Every write on the old survey is refused; its answers stay readable.
    expect(await addTarget(t.db, clock, scope, old.id, { symbol: fam.rosterEntry.symbol, number: fam.rosterEntry.number, branch: "01", reason: "追加" })).toEqual({ ok: false, error: "closed" });
    expect((await progressCounts(t.db, old.id)).total).toBe(2);
    // Nor can last year's case be decided or reopened.
    const [oldResponse] = await t.db.select().from(surveyResponses).where(and(eq(surveyResponses.surveyId, old.id), eq(surveyResponses.insuredEntryId, fam.rosterEntry.id)));
    await t.db.update(surveyResponses).set({ status: "submitted" }).where(eq(surveyResponses.id, oldResponse.id));
    expect(await decideResponse(t.db, clock, scope, { surveyId: old.id, responseId: oldResponse.id, version: oldResponse.version, decision: "approve", outcomes: {} })).toMatchObject({ ok: false, error: "not_current" });
    expect(await reopenCase(t.db, clock, scope, { surveyId: old.id, responseId: oldResponse.id, until: "2027-02-20", reason: "追加の書類" })).toMatchObject({ ok: false, error: "not_current" });
    expect((await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, oldResponse.id)))[0]).toMatchObject({ status: "submitted", reopenedUntil: null, version: oldResponse.version });

    // The new year does not ask about fam2's household.
    const [target2] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, made.survey.id), eq(surveyTargets.insuredEntryId, fam2.rosterEntry.id)));
    expect(await removeTarget(t.db, clock, scope, made.survey.id, { targetId: target2.id, reason: "今年度は対象外" })).toEqual({ ok: true });
    // Once the new one opens, it is the only one members see.
    clock.set("2027-12-01T00:00:00Z");
    expect(await openDraftSurvey(t.db, clock, scope, made.survey.id)).toMatchObject({ ok: true, responses: 1, mails: 1 });
    expect((await findMemberResponse(t.db, fam.ref))?.survey.id).toBe(made.survey.id);
    // A household the new survey does not target sees no survey at all, not last year's.
    expect(await findMemberResponse(t.db, fam2.ref)).toBeNull();
  });

  it("refuses to start the next year while the current survey is open", async () => {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    await createFamily(t.db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    expect(await createNextYearSurvey(t.db, clock, scope, made.survey.id, nextInput({ accounts: "reset", reason: "早すぎ", confirmed: true }))).toMatchObject({ ok: false, error: "not_closed" });
    expect(await t.db.select().from(members).where(and(eq(members.unionId, union.id), isNull(members.closedAt)))).toHaveLength(1);
  });
});
