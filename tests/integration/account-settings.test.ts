// Forgot user ID and the account page (SPEC §Member flows 7): the ID is mailed to the registered
// address only (one mail per account; the answer never tells whether one exists); change password
// (current password required and counted toward the lockout, history and common-list rules, this
// session kept, a notice mailed); change email (current password required, a code to the NEW
// address, the change applies only with that code, then a notice to the OLD address).
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { members, oneTimeCodes, sessions } from "@/db/schema";
import { changePassword, WRONG_CURRENT_PASSWORD } from "@/lib/account/change-password";
import { confirmEmailChange, pendingEmailChange, requestEmailChange, resendEmailChangeCode } from "@/lib/account/change-email";
import { memberSubject } from "@/lib/account/find-member";
import { requestUserIdReminder } from "@/lib/account/forgot-id";
import { requestPasswordReset } from "@/lib/account/forgot-password";
import { REUSED_PASSWORD_MESSAGE } from "@/lib/account/password-history";
import { login } from "@/lib/auth/login";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password-policy";
import { checkSession, createMemberSession } from "@/lib/auth/sessions";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { codeMessage } from "@/lib/codes/messages";
import { CODE_POLICY } from "@/lib/codes/policy";
import { maskEmail } from "@/lib/email/format";
import { lockedMessage, MESSAGES } from "@/lib/errors";
import { codeFromMail, mailHelpers } from "../support/mail";
import { medianTimings } from "../support/timing";
import { describeEachDatabase } from "../support/databases";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const NEW_PASSWORD = "Shin#2026pw";
const WRONG_PASSWORD = "Wrong#pass9";
const newIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const rand = () => crypto.randomBytes(4).toString("hex");
const newAddress = () => `new.${rand()}@example.jp`;
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describeEachDatabase("account settings and forgot user ID", (t) => {
  const { mailsTo, outboxTo } = mailHelpers(() => t.db);
  /** The member as the app reads it on each request (a fresh row). */
  const memberRow = async (id: number) => (await t.db.select().from(members).where(eq(members.id, id)))[0];
  const tryLogin = (clock: Clock, userId: string, password: string) => login(t.db, clock, { userId, password }, { ip: newIp(), userAgent: "vitest" });
  const signIn = async (clock: Clock, memberId: number) => (await createMemberSession(t.db, clock, memberId, { ip: newIp() })).sessionId;

  // ---- forgot user ID ------------------------------------------------------------------------

  it("mails each account registered with the address its own user ID (a family sharing one address gets two mails)", async () => {
    const clock = testClock();
    const shared = `family.${rand()}@example.jp`;
    const a = await createMember(t.db, { clock, email: shared });
    const b = await createMember(t.db, { clock, email: shared.toUpperCase() });
    const alone = await createMember(t.db, { clock });

    const result = await requestUserIdReminder(t.db, clock, { email: shared }, { ip: newIp() });
    expect(result).toEqual({ throttled: false, outboxIds: [expect.any(Number), expect.any(Number)] });

    const mails = await mailsTo(clock, shared);
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => m.template === "forgot-user-id" && m.subject.includes("ユーザーIDのお知らせ"))).toBe(true);
    const forA = mails.filter((m) => m.text.includes(a.userId));
    const forB = mails.filter((m) => m.text.includes(b.userId));
    expect(forA).toHaveLength(1);
    expect(forB).toHaveLength(1);
    expect(forA[0].outboxId).not.toBe(forB[0].outboxId);
    // Each mail goes to that account's registered address, and nothing to anyone else.
    expect(mails.map((m) => m.to).sort()).toEqual([a.email, b.email].sort());
    expect(await outboxTo(alone.email)).toHaveLength(0);
  });

  it("mails nothing for an unknown address or a disabled member, and answers the same", async () => {
    const clock = testClock();
    const known = await createMember(t.db, { clock });
    const disabled = await createMember(t.db, { clock, disabled: true });
    const unknown = `nobody.${rand()}@example.jp`;
    const knownAnswer = await requestUserIdReminder(t.db, clock, { email: known.email }, { ip: newIp() });
    expect(knownAnswer).toEqual({ throttled: false, outboxIds: [expect.any(Number)] });

    for (const email of [unknown, disabled.email]) {
      const answer = await requestUserIdReminder(t.db, clock, { email }, { ip: newIp() });
      expect(answer, email).toEqual({ throttled: false, outboxIds: [] });
      expect(Object.keys(answer).sort()).toEqual(Object.keys(knownAnswer).sort());
      expect(await outboxTo(email), email).toHaveLength(0);
    }
  });

  it("takes about as long for an unknown address as for a registered one (the time does not tell)", async () => {
    const clock = testClock();
    const known: Awaited<ReturnType<typeof createMember>>[] = [];
    for (let i = 0; i < 18; i++) known.push(await createMember(t.db, { clock }));
    const ips = known.map(() => newIp());
    const { knownMs: k, unknownMs: u } = await medianTimings(
      known.length - 3,
      (i) => requestUserIdReminder(t.db, clock, { email: known[i].email }, { ip: ips[i] }),
      (i) => requestUserIdReminder(t.db, clock, { email: `nobody.${rand()}@example.jp` }, { ip: ips[i] }),
    );
    expect(u, `median ms: known ${k.toFixed(1)}, unknown ${u.toFixed(1)}`).toBeGreaterThan(k * 0.5);
  });

  it("sends at most 3 reminders per account an hour, whatever the client", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    for (let i = 0; i < 3; i++) {
      expect((await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).outboxIds, `reminder ${i + 1}`).toHaveLength(1);
      clock.advance(MINUTE);
    }
    expect(await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    expect(await mailsTo(clock, m.email)).toHaveLength(3);

    // Once the hour is well past (the limiter may estimate a sliding window), reminders go out again.
    clock.advance(2 * HOUR);
    expect((await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).outboxIds).toHaveLength(1);
  });

  it("throttles one client after 20 reminder requests in an hour", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const ip = newIp();
    for (let i = 0; i < 20; i++) {
      expect(await requestUserIdReminder(t.db, clock, { email: `nobody.${rand()}@example.jp` }, { ip })).toEqual({ throttled: false, outboxIds: [] });
    }
    expect(await requestUserIdReminder(t.db, clock, { email: m.email }, { ip })).toEqual({ throttled: true, outboxIds: [] });
    expect(await outboxTo(m.email)).toHaveLength(0);
    expect((await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).outboxIds).toHaveLength(1);
  });

  // ---- change password -------------------------------------------------------------------------

  it("changes the password with the right current one: this session stays, the new password logs in, a notice is mailed", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const sessionId = await signIn(clock, m.member.id);

    const result = await changePassword(t.db, clock, await memberRow(m.member.id), sessionId, { currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD }, { ip: newIp() });
    expect(result).toEqual({ ok: true, outboxIds: [expect.any(Number)] });
    expect(await checkSession(t.db, clock, sessionId)).toMatchObject({ ok: true, memberId: m.member.id });

    const mails = await mailsTo(clock, m.email);
    expect(mails.map((x) => x.template)).toEqual(["password-changed-notice"]);
    expect(mails[0].text).not.toContain(NEW_PASSWORD);

    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await tryLogin(clock, m.userId, NEW_PASSWORD)).toMatchObject({ ok: true });
  });

  it("leaves no other session of the account live after a change (only the device that changed it stays)", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    // The first phone; then the second phone logs in (one live session per account) and changes.
    const first = await signIn(clock, m.member.id);
    clock.advance(MINUTE);
    const second = await signIn(clock, m.member.id);
    clock.advance(MINUTE);
    expect((await changePassword(t.db, clock, await memberRow(m.member.id), second, { currentPassword: DEFAULT_PASSWORD, password: NEW_PASSWORD }, { ip: newIp() })).ok).toBe(true);

    expect((await checkSession(t.db, clock, first)).ok).toBe(false);
    expect(await checkSession(t.db, clock, second)).toMatchObject({ ok: true });
    const live = await t.db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.memberId, m.member.id), isNull(sessions.endedAt)));
    expect(live).toEqual([{ id: second }]);
  });

  it("refuses a wrong current password, counts it toward the lockout, and locks the account at the 10th", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const sessionId = await signIn(clock, m.member.id);
    const attempt = async (currentPassword: string) =>
      changePassword(t.db, clock, await memberRow(m.member.id), sessionId, { currentPassword, password: NEW_PASSWORD }, { ip: newIp() });

    expect(await attempt(WRONG_PASSWORD)).toEqual({ ok: false, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD } });
    expect((await memberRow(m.member.id)).failedLogins).toBe(1);
    for (let i = 2; i <= 9; i++) await attempt(WRONG_PASSWORD);
    const tenth = await attempt(WRONG_PASSWORD);
    const { lockedUntil } = await memberRow(m.member.id);
    expect(lockedUntil?.getTime()).toBe(clock.now().getTime() + HOUR);
    expect(tenth).toEqual({ ok: false, formError: lockedMessage(lockedUntil!) });

    // Locked: even the right current password is refused, and login says locked.
    expect(await attempt(DEFAULT_PASSWORD)).toEqual({ ok: false, formError: lockedMessage(lockedUntil!) });
    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    expect((await outboxTo(m.email)).filter((r) => r.template === "password-changed-notice")).toHaveLength(0);
  });

  it("refuses the current password, a previous one and a common one as the new password, changing nothing", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const sessionId = await signIn(clock, m.member.id);
    const change = async (currentPassword: string, password: string) =>
      changePassword(t.db, clock, await memberRow(m.member.id), sessionId, { currentPassword, password }, { ip: newIp() });

    expect(await change(DEFAULT_PASSWORD, DEFAULT_PASSWORD)).toEqual({ ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } });
    clock.advance(MINUTE);
    expect((await change(DEFAULT_PASSWORD, NEW_PASSWORD)).ok).toBe(true);
    clock.advance(MINUTE);
    const hash = (await memberRow(m.member.id)).passwordHash;
    expect(await change(NEW_PASSWORD, DEFAULT_PASSWORD)).toEqual({ ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } });
    expect(await change(NEW_PASSWORD, "Password1!")).toEqual({ ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } });
    expect((await memberRow(m.member.id)).passwordHash).toBe(hash);
    expect((await mailsTo(clock, m.email)).map((x) => x.template)).toEqual(["password-changed-notice"]);
  });

  // ---- change email ----------------------------------------------------------------------------

  it("asks for the current password before sending a code, and counts a wrong one toward the lockout", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    const result = await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: WRONG_PASSWORD }, { ip: newIp() });
    expect(result).toEqual({ ok: false, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD } });
    expect((await memberRow(m.member.id)).failedLogins).toBe(1);
    expect(await outboxTo(to)).toHaveLength(0);
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBeNull();
  });

  it("refuses the address already registered (in any case)", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const result = await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: m.email.toUpperCase(), currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: expect.stringContaining("現在と同じメールアドレス") } });
    expect(await outboxTo(m.email)).toHaveLength(0);
  });

  it("sends the code to the new address only and changes nothing until the code is entered", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBeNull();
    const result = await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    expect(result).toEqual({ ok: true, mailSent: true });

    const mails = await mailsTo(clock, to);
    expect(mails.map((x) => x.template)).toEqual(["email-change-code"]);
    expect(mails[0].subject).toContain("メールアドレス変更の認証番号");
    expect(codeFromMail(mails[0].text)).toMatch(/^\d{6}$/);
    expect(await outboxTo(m.email)).toHaveLength(0);
    expect((await memberRow(m.member.id)).email).toBe(m.email);
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBe(to);
  });

  it("switches the address with the code and sends the old address a notice with the new one masked", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    const code = codeFromMail((await mailsTo(clock, to))[0].text);
    clock.advance(2 * MINUTE);

    const result = await confirmEmailChange(t.db, clock, await memberRow(m.member.id), code, { ip: newIp() });
    expect(result).toEqual({ ok: true, outboxIds: [expect.any(Number)], newEmail: to });
    expect((await memberRow(m.member.id)).email).toBe(to);
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBeNull();

    const old = await mailsTo(clock, m.email);
    expect(old.map((x) => x.template)).toEqual(["email-changed-notice"]);
    expect(old[0].subject).toContain("メールアドレス変更のお知らせ");
    expect(old[0].text).toContain(maskEmail(to));
    expect(old[0].text).not.toContain(to);
    expect(old[0].html).not.toContain(to);
    // The new address got the code and nothing else.
    expect((await mailsTo(clock, to)).map((x) => x.template)).toEqual(["email-change-code"]);
    // The code is used up.
    expect((await confirmEmailChange(t.db, clock, await memberRow(m.member.id), code, { ip: newIp() })).ok).toBe(false);
  });

  it("uses the new address for forgot password and forgot user ID once the change is confirmed", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    const code = codeFromMail((await mailsTo(clock, to))[0].text);
    expect((await confirmEmailChange(t.db, clock, await memberRow(m.member.id), code, { ip: newIp() })).ok).toBe(true);

    expect(await requestPasswordReset(t.db, clock, { userId: m.userId, email: m.email }, { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    expect(await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    expect((await requestPasswordReset(t.db, clock, { userId: m.userId, email: to }, { ip: newIp() })).outboxIds).toHaveLength(1);
    expect((await requestUserIdReminder(t.db, clock, { email: to }, { ip: newIp() })).outboxIds).toHaveLength(1);
    expect((await mailsTo(clock, to)).map((x) => x.template).sort()).toEqual(["email-change-code", "forgot-user-id", "password-reset-code"]);
  });

  it("leaves the address unchanged for a wrong or an expired code", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    const code = codeFromMail((await mailsTo(clock, to))[0].text);

    const wrong = await confirmEmailChange(t.db, clock, await memberRow(m.member.id), other(code), { ip: newIp() });
    expect(wrong).toEqual({ ok: false, fieldErrors: { code: codeMessage({ ok: false, reason: "wrong", attemptsLeft: 4 }) } });
    expect((await memberRow(m.member.id)).email).toBe(m.email);
    expect(await outboxTo(m.email)).toHaveLength(0);

    clock.advance(10 * MINUTE);
    expect(await confirmEmailChange(t.db, clock, await memberRow(m.member.id), code, { ip: newIp() })).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeExpired } });
    expect((await memberRow(m.member.id)).email).toBe(m.email);
  });

  it("forgets a pending change after an hour", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    clock.advance(HOUR - 1000);
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBe(to);
    clock.advance(1000);
    expect(await pendingEmailChange(t.db, clock, m.member.id)).toBeNull();
    expect(await resendEmailChangeCode(t.db, clock, await memberRow(m.member.id), { ip: newIp() })).toBeNull();
  });

  it("resends the code to the pending new address after the 60-second cool-down; the new code replaces the old", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    expect(await resendEmailChangeCode(t.db, clock, await memberRow(m.member.id), { ip: newIp() })).toBeNull();

    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    const issuedAt = clock.now().getTime();
    const first = codeFromMail((await mailsTo(clock, to))[0].text);

    clock.advance(CODE_POLICY.cooldownMs - 1000);
    expect(await resendEmailChangeCode(t.db, clock, await memberRow(m.member.id), { ip: newIp() })).toEqual({ ok: false, wait: new Date(issuedAt + CODE_POLICY.cooldownMs) });
    expect(await mailsTo(clock, to)).toHaveLength(1);

    let second = first;
    while (second === first) {
      clock.advance(CODE_POLICY.cooldownMs);
      expect(await resendEmailChangeCode(t.db, clock, await memberRow(m.member.id), { ip: newIp() })).toEqual({ ok: true, mailSent: true });
      second = codeFromMail((await mailsTo(clock, to))[0].text);
    }
    expect(await outboxTo(m.email)).toHaveLength(0);
    const old = await confirmEmailChange(t.db, clock, await memberRow(m.member.id), first, { ip: newIp() });
    expect(old).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining(MESSAGES.codeSuperseded) } });
    expect((await confirmEmailChange(t.db, clock, await memberRow(m.member.id), second, { ip: newIp() })).ok).toBe(true);
    expect((await memberRow(m.member.id)).email).toBe(to);
  });

  it("refuses a new email-change code within the cool-down of the previous one", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    clock.advance(10_000);
    const again = await requestEmailChange(t.db, clock, await memberRow(m.member.id), { email: newAddress(), currentPassword: DEFAULT_PASSWORD }, { ip: newIp() });
    expect(again).toEqual({ ok: false, wait: new Date(clock.now().getTime() + 50_000) });
    const live = await t.db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.subject, memberSubject(m.member.id)), isNull(oneTimeCodes.closedAt)));
    expect(live.map((c) => c.email)).toEqual([to]);
  });

  it("limits email-change code mail per client too (20 an hour from one address, as for the other mail requests)", async () => {
    const clock = testClock();
    const ip = newIp();
    const sent: string[] = [];
    for (let i = 0; i < 20; i++) {
      const m = await createMember(t.db, { clock });
      const to = newAddress();
      const result = await requestEmailChange(t.db, clock, m.member, { email: to, currentPassword: DEFAULT_PASSWORD }, { ip });
      expect(result, `request ${i + 1}`).toMatchObject({ ok: true });
      sent.push(to);
    }
    const m = await createMember(t.db, { clock });
    const to = newAddress();
    const result = await requestEmailChange(t.db, clock, m.member, { email: to, currentPassword: DEFAULT_PASSWORD }, { ip });
    expect(result.ok, "the 21st mail-sending request from one client in an hour").toBe(false);
    expect(await outboxTo(to)).toHaveLength(0);
  });
});
