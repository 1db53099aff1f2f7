// Forgot password (SPEC §Member flows 7, issue "Forgot password"): user ID + registered email → a
// 6-digit code by mail (10 minutes, newest only, 5 tries, hashed) → a new password that differs
// from the last 5 hashes (the current one included). Step 1 answers the same whether or not the
// pair exists; success ends every session, clears a lock and mails a notice. Mail is only queued by
// lib/account; the tests deliver it to the built-in mailbox before reading it.
import crypto from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { members, oneTimeCodes, passwordHistory, sessions } from "@/db/schema";
import { requestPasswordReset, resetPassword } from "@/lib/account/forgot-password";
import { memberSubject } from "@/lib/account/find-member";
import { HISTORY_SIZE, REUSED_PASSWORD_MESSAGE, setPassword } from "@/lib/account/password-history";
import { login } from "@/lib/auth/login";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password-policy";
import { checkSession, createMemberSession } from "@/lib/auth/sessions";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { codeMessage } from "@/lib/codes/messages";
import { CODE_POLICY } from "@/lib/codes/policy";
import { MESSAGES } from "@/lib/errors";
import { codeFromMail, mailHelpers } from "../support/mail";
import { medianTimings } from "../support/timing";
import { describeEachDatabase } from "../support/databases";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const NEW_PASSWORD = "Shin#2026pw";
const WRONG_PASSWORD = "Wrong#pass9";
const newIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const rand = () => crypto.randomBytes(4).toString("hex");
/** A six-digit code that is not `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

type Created = Awaited<ReturnType<typeof createMember>>;

describeEachDatabase("account recovery: forgot password", (t) => {
  const { deliverAll, mailsTo, outboxTo } = mailHelpers(() => t.db);
  const memberRow = async (id: number) => (await t.db.select().from(members).where(eq(members.id, id)))[0];
  const pair = (m: Created) => ({ userId: m.userId, email: m.email });
  const unknownPair = () => ({ userId: `nobody_${rand()}`, email: `nobody.${rand()}@example.jp` });

  /** Requests a reset for `m` and returns the code from the newest reset mail. */
  const requestCode = async (clock: Clock, m: Created, input = pair(m)) => {
    const result = await requestPasswordReset(t.db, clock, input, { ip: newIp() });
    expect(result).toMatchObject({ throttled: false, outboxIds: [expect.any(Number)] });
    const [mail] = (await mailsTo(clock, m.email)).filter((x) => x.template === "password-reset-code");
    return codeFromMail(mail.text);
  };
  const reset = (clock: Clock, input: { userId: string; email: string }, code: string, password = NEW_PASSWORD) =>
    resetPassword(t.db, clock, { ...input, code, password }, { ip: newIp() });
  const tryLogin = (clock: Clock, userId: string, password: string) => login(t.db, clock, { userId, password }, { ip: newIp(), userAgent: "vitest" });

  // ---- step 1: the request -------------------------------------------------------------------

  it("queues a password-reset-code mail to the registered address when ID and email match, and keeps only a hash of the code", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const result = await requestPasswordReset(t.db, clock, pair(m), { ip: newIp() });
    expect(result).toEqual({ throttled: false, outboxIds: [expect.any(Number)] });

    const queued = await outboxTo(m.email);
    expect(queued.map((r) => [r.id, r.template])).toEqual([[result.outboxIds[0], "password-reset-code"]]);

    const mails = await mailsTo(clock, m.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("パスワード再設定の認証番号");
    const code = codeFromMail(mails[0].text);

    const [row] = await t.db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.purpose, "password_reset"), eq(oneTimeCodes.subject, memberSubject(m.member.id))));
    expect(row.email).toBe(m.email);
    expect(row.expiresAt.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(row).map(String).join("|")).not.toContain(code);
  });

  it("queues nothing and answers the same for an unknown ID, a wrong email, a disabled member and an inactive roster entry", async () => {
    const clock = testClock();
    const known = await createMember(t.db, { clock });
    const knownAnswer = await requestPasswordReset(t.db, clock, pair(known), { ip: newIp() });

    const target = await createMember(t.db, { clock });
    const disabled = await createMember(t.db, { clock, disabled: true });
    const inactive = await createMember(t.db, { clock, rosterActive: false });
    const otherAddress = `other.${rand()}@example.jp`;
    const cases = {
      "unknown ID with a registered email": { userId: `nobody_${rand()}`, email: target.email },
      "registered ID with a wrong email": { userId: target.userId, email: otherAddress },
      "unknown ID and email": unknownPair(),
      "disabled member": pair(disabled),
      "inactive roster entry": pair(inactive),
    };
    for (const [name, input] of Object.entries(cases)) {
      const answer = await requestPasswordReset(t.db, clock, input, { ip: newIp() });
      expect(answer, name).toEqual({ throttled: false, outboxIds: [] });
      expect(Object.keys(answer).sort(), name).toEqual(Object.keys(knownAnswer).sort());
    }
    for (const address of [target.email, otherAddress, disabled.email, inactive.email]) {
      expect(await outboxTo(address), address).toHaveLength(0);
    }
    const codes = await t.db
      .select()
      .from(oneTimeCodes)
      .where(inArray(oneTimeCodes.subject, [target, disabled, inactive].map((m) => memberSubject(m.member.id))));
    expect(codes).toHaveLength(0);
    expect(await mailsTo(clock, target.email)).toHaveLength(0);
  });

  it("takes about as long for an unknown pair as for a known one (the time does not tell)", async () => {
    const clock = testClock();
    const runs = 25;
    const known: Created[] = [];
    for (let i = 0; i < runs + 3; i++) known.push(await createMember(t.db, { clock }));
    const ips = known.map(() => newIp());
    const { knownMs: k, unknownMs: u } = await medianTimings(
      known.length - 3,
      (i) => requestPasswordReset(t.db, clock, pair(known[i]), { ip: ips[i] }),
      (i) => requestPasswordReset(t.db, clock, unknownPair(), { ip: ips[i] }),
    );
    expect(u, `median ms: known ${k.toFixed(1)}, unknown ${u.toFixed(1)}`).toBeGreaterThan(k * 0.5);
  });

  it("matches the user ID and the email case-insensitively", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const typed = { userId: m.userId.toUpperCase(), email: m.email.toUpperCase() };
    expect(typed.userId).not.toBe(m.userId);
    const code = await requestCode(clock, m, typed);
    // The mail goes to the address as registered, not as typed.
    expect((await outboxTo(m.email)).map((r) => r.toAddress)).toEqual([m.email]);

    expect(await reset(clock, typed, code)).toEqual({ ok: true, outboxIds: [expect.any(Number)] });
    expect(await tryLogin(clock, m.userId, NEW_PASSWORD)).toMatchObject({ ok: true });
  });

  // ---- step 2: the new password ----------------------------------------------------------------

  it("sets the new password with the mailed code: the new one logs in, the old one no longer does, and a notice is mailed", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    clock.advance(3 * MINUTE);

    const result = await reset(clock, pair(m), code);
    expect(result).toEqual({ ok: true, outboxIds: [expect.any(Number)] });
    expect((await memberRow(m.member.id)).passwordChangedAt.getTime()).toBe(clock.now().getTime());

    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await tryLogin(clock, m.userId, NEW_PASSWORD)).toMatchObject({ ok: true, memberId: m.member.id });

    const [notice] = await mailsTo(clock, m.email);
    expect(notice.template).toBe("password-changed-notice");
    expect(notice.outboxId).toBe(result.ok && result.outboxIds[0]);
    expect(notice.subject).toContain("パスワード変更のお知らせ");
    expect(notice.text).not.toContain(NEW_PASSWORD);

    // The code was used up.
    expect(await reset(clock, pair(m), code, "Again#2026pw")).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeMissing } });
  });

  it("ends every session of the account", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const { sessionId } = await createMemberSession(t.db, clock, m.member.id, { ip: newIp() });
    expect(await checkSession(t.db, clock, sessionId)).toMatchObject({ ok: true });

    const code = await requestCode(clock, m);
    expect((await reset(clock, pair(m), code)).ok).toBe(true);

    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "password_changed" });
    const live = await t.db.select().from(sessions).where(and(eq(sessions.memberId, m.member.id), isNull(sessions.endedAt)));
    expect(live).toHaveLength(0);
  });

  it("clears a lock left by 10 failed logins", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    for (let i = 0; i < 10; i++) await tryLogin(clock, m.userId, WRONG_PASSWORD);
    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });

    // A locked member can still ask for a code.
    const code = await requestCode(clock, m);
    expect((await reset(clock, pair(m), code)).ok).toBe(true);

    const row = await memberRow(m.member.id);
    expect(row.lockedUntil).toBeNull();
    expect(row.failedLogins).toBe(0);
    expect(await tryLogin(clock, m.userId, NEW_PASSWORD)).toMatchObject({ ok: true });
  });

  it(`refuses the current password and the previous ones in the history (${HISTORY_SIZE} hashes), keeping the code usable; the next older one is allowed again`, async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    // P0 (sign-up) … P5: after P5 the history holds P1 … P5, and P0 has dropped out.
    const passwords = [DEFAULT_PASSWORD, "Hist#1pass", "Hist#2pass", "Hist#3pass", "Hist#4pass", "Hist#5pass"];
    for (const password of passwords.slice(1)) {
      clock.advance(MINUTE);
      await setPassword(t.db, clock, m.member.id, password);
    }
    expect(await t.db.select().from(passwordHistory).where(eq(passwordHistory.memberId, m.member.id))).toHaveLength(HISTORY_SIZE);

    clock.advance(MINUTE);
    const code = await requestCode(clock, m);
    const hashBefore = (await memberRow(m.member.id)).passwordHash;
    // Newest first: the current password (P5), then P4 … P1.
    for (const reused of passwords.slice(1).reverse()) {
      expect(await reset(clock, pair(m), code, reused), reused).toEqual({ ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } });
    }
    expect(REUSED_PASSWORD_MESSAGE).toContain("以前に使ったパスワード");
    // Nothing changed and nothing was mailed; the refusals did not use up or count against the code.
    expect((await memberRow(m.member.id)).passwordHash).toBe(hashBefore);
    expect((await mailsTo(clock, m.email)).map((x) => x.template)).toEqual(["password-reset-code"]);
    const [live] = await t.db.select().from(oneTimeCodes).where(and(eq(oneTimeCodes.subject, memberSubject(m.member.id)), isNull(oneTimeCodes.closedAt)));
    expect(live.attempts).toBe(0);

    // P0, the 6th most recent, is allowed again, with the same code.
    expect(await reset(clock, pair(m), code, passwords[0])).toEqual({ ok: true, outboxIds: [expect.any(Number)] });
    expect(await tryLogin(clock, m.userId, passwords[0])).toMatchObject({ ok: true });
  });

  it("checks the history only after a right code: a reused password with a wrong code is a code error", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    expect(await reset(clock, pair(m), other(code), DEFAULT_PASSWORD)).toEqual({ ok: false, fieldErrors: { code: codeMessage({ ok: false, reason: "wrong", attemptsLeft: 4 }) } });
  });

  it("refuses a password on the common-password list", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    expect(await reset(clock, pair(m), code, "Password1!")).toEqual({ ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } });
    expect((await reset(clock, pair(m), code)).ok).toBe(true);
  });

  // ---- the code rules ------------------------------------------------------------------------

  it("refuses a wrong code and says how many tries are left", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    const answer = await reset(clock, pair(m), other(code));
    expect(answer).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining(MESSAGES.codeWrong) } });
    expect(answer.ok || answer.fieldErrors.code).toContain("あと4回");
    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("accepts the code at 9:59 and calls it expired at 10:00", async () => {
    const clock = testClock();
    const a = await createMember(t.db, { clock });
    const b = await createMember(t.db, { clock });
    const codeA = await requestCode(clock, a);
    const codeB = await requestCode(clock, b);

    clock.advance(10 * MINUTE - 1000);
    expect((await reset(clock, pair(a), codeA)).ok).toBe(true);
    clock.advance(1000);
    expect(await reset(clock, pair(b), codeB)).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeExpired } });
    expect(await tryLogin(clock, b.userId, DEFAULT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("accepts only the newest code: an earlier one is refused as superseded", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const first = await requestCode(clock, m);
    let second = first;
    while (second === first) {
      clock.advance(CODE_POLICY.cooldownMs);
      second = await requestCode(clock, m);
    }
    const answer = await reset(clock, pair(m), first);
    expect(answer).toEqual({ ok: false, fieldErrors: { code: expect.stringContaining(MESSAGES.codeSuperseded) } });
    expect((await reset(clock, pair(m), second)).ok).toBe(true);
  });

  it("kills the code at the 5th wrong entry; then even the right code is refused until a new one is sent", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    for (const left of [4, 3, 2, 1]) {
      expect(await reset(clock, pair(m), other(code))).toEqual({ ok: false, fieldErrors: { code: codeMessage({ ok: false, reason: "wrong", attemptsLeft: left }) } });
    }
    expect(await reset(clock, pair(m), other(code))).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeKilled } });
    expect(await reset(clock, pair(m), code)).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeKilled } });
    expect(await tryLogin(clock, m.userId, DEFAULT_PASSWORD)).toMatchObject({ ok: true });

    clock.advance(CODE_POLICY.cooldownMs);
    const fresh = await requestCode(clock, m);
    expect((await reset(clock, pair(m), fresh)).ok).toBe(true);
  });

  it("answers an unknown account exactly like a known account's wrong code: counting down, then killed", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    const nobody = unknownPair();
    await requestPasswordReset(t.db, clock, nobody, { ip: newIp() });

    for (let i = 1; i <= CODE_POLICY.maxAttempts + 1; i++) {
      const wrong = other(code);
      const known = await reset(clock, pair(m), wrong);
      const unknown = await reset(clock, nobody, wrong);
      expect(unknown, `attempt ${i}`).toEqual(known);
    }
    expect(await reset(clock, nobody, code)).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeKilled } });
  });

  it("after the code's 10 minutes, answers an unknown account like a known account's expired code", async () => {
    const clock = testClock("2026-04-01T00:03:00Z");
    const m = await createMember(t.db, { clock });
    const code = await requestCode(clock, m);
    const nobody = unknownPair();
    await requestPasswordReset(t.db, clock, nobody, { ip: newIp() });

    // The reset page stays open (its cookie lasts 30 minutes); a code typed after 10 minutes:
    clock.advance(10 * MINUTE);
    const known = await reset(clock, pair(m), other(code));
    expect(known).toEqual({ ok: false, fieldErrors: { code: MESSAGES.codeExpired } });
    expect(await reset(clock, nobody, other(code))).toEqual(known);
  });

  // ---- rate limits ---------------------------------------------------------------------------

  it("throttles one client after 20 mail requests in an hour, known account or not", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const ip = newIp();
    for (let i = 0; i < 20; i++) {
      expect(await requestPasswordReset(t.db, clock, unknownPair(), { ip }), `request ${i + 1}`).toEqual({ throttled: false, outboxIds: [] });
    }
    expect(await requestPasswordReset(t.db, clock, pair(m), { ip })).toEqual({ throttled: true, outboxIds: [] });
    expect(await outboxTo(m.email)).toHaveLength(0);

    // Another client is not affected; the same client may ask again once the hour is well past
    // (the limiter may estimate a sliding window, so not necessarily at the very next hour).
    expect(await requestPasswordReset(t.db, clock, unknownPair(), { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    clock.advance(2 * HOUR);
    expect(await requestPasswordReset(t.db, clock, pair(m), { ip })).toEqual({ throttled: false, outboxIds: [expect.any(Number)] });
  });

  it("per account: no second code mail within the 60-second cool-down, and at most 5 in an hour", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    await requestCode(clock, m);
    clock.advance(CODE_POLICY.cooldownMs - 1000);
    // From another client, so only the account's own limit applies; the answer reads the same.
    expect(await requestPasswordReset(t.db, clock, pair(m), { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    expect(await mailsTo(clock, m.email)).toHaveLength(1);

    clock.advance(1000);
    for (let n = 2; n <= CODE_POLICY.perHour; n++) {
      expect((await requestPasswordReset(t.db, clock, pair(m), { ip: newIp() })).outboxIds, `code ${n}`).toHaveLength(1);
      // Delivered after each response, as the app does: a code mail still queued when the next code
      // replaces it is given up, not sent (issue 7).
      await deliverAll(clock);
      clock.advance(CODE_POLICY.cooldownMs);
    }
    expect(await requestPasswordReset(t.db, clock, pair(m), { ip: newIp() })).toEqual({ throttled: false, outboxIds: [] });
    expect(await mailsTo(clock, m.email)).toHaveLength(CODE_POLICY.perHour);
  });
});
