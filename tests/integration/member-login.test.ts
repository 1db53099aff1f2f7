// Member login (SPEC §Member flows 4): one vague failure message, 10 consecutive failures lock the
// account for an hour (the password is not checked while locked, the member is mailed), a
// per-address throttle no stricter than 50 failures per 15 minutes, case-blind user IDs, and
// disabled or inactive members refused only after the right password.
import crypto from "node:crypto";
import { hash } from "@node-rs/argon2";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeEach, expect, it, vi } from "vitest";
import { auditLog, emailOutbox, loginAttempts, members, sessions, throttleCounters } from "@/db/schema";
import { verifyDummy, verifyPassword } from "@/lib/auth/hash";
import { recordLoginFailure, recordLoginSuccess } from "@/lib/auth/lockout";
import { login, type LoginResult } from "@/lib/auth/login";
import { checkSession } from "@/lib/auth/sessions";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { listMailbox } from "@/lib/email/mailbox";
import { describeEachDatabase } from "../support/databases";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

// Count password verifications, to show a locked account's password is not checked.
vi.mock("@/lib/auth/hash", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/hash")>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword), verifyDummy: vi.fn(original.verifyDummy) };
});

const WRONG = "Wrong#pass9";
const newIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

describeEachDatabase("member login", (t) => {
  beforeEach(() => {
    vi.mocked(verifyPassword).mockClear();
    vi.mocked(verifyDummy).mockClear();
  });

  const memberRow = async (id: number) => (await t.db.select().from(members).where(eq(members.id, id)))[0];
  const attempt = (clock: Clock, userId: string, password: string, ip = newIp()) => login(t.db, clock, { userId, password }, { ip, userAgent: "vitest" });
  const failTimes = async (clock: Clock, userId: string, n: number, ip = newIp()) => {
    const results: LoginResult[] = [];
    for (let i = 0; i < n; i++) results.push(await attempt(clock, userId, WRONG, ip));
    return results;
  };
  const liveSessions = (memberId: number) =>
    t.db.select().from(sessions).where(and(eq(sessions.memberId, memberId), isNull(sessions.endedAt)));
  const auditEvents = async (memberId: number) =>
    (await t.db.select().from(auditLog).where(eq(auditLog.actorId, String(memberId)))).map((r) => r.event);
  const lockMails = async (email: string) => {
    const mails = await listMailbox(t.db, { to: email });
    if (mails.length === 0) return [];
    const outbox = await t.db
      .select({ id: emailOutbox.id, template: emailOutbox.template })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, mails.map((m) => m.outboxId)));
    const locked = new Set(outbox.filter((o) => o.template === "account-locked").map((o) => o.id));
    return mails.filter((m) => locked.has(m.outboxId));
  };

  it("logs in with the right password and returns a live session", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const result = await attempt(clock, userId, DEFAULT_PASSWORD);
    expect(result).toMatchObject({ ok: true, memberId: member.id, replaced: 0 });
    if (!result.ok) throw new Error("unreachable");
    expect(await checkSession(t.db, clock, result.sessionId)).toEqual({ ok: true, memberId: member.id, adminId: null });
    expect((await memberRow(member.id)).lastLoginAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it("answers a wrong password and an unknown user ID identically", async () => {
    const clock = testClock();
    const { userId } = await createMember(t.db, { clock });
    const wrongPassword = await attempt(clock, userId, WRONG);
    const unknownUser = await attempt(clock, `nobody_${crypto.randomBytes(4).toString("hex")}`, DEFAULT_PASSWORD);
    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownUser).toEqual(wrongPassword);
  });

  it("spends one password verification on an unknown user ID, like on a known one", async () => {
    const clock = testClock();
    const { userId } = await createMember(t.db, { clock });
    await attempt(clock, userId, WRONG);
    expect(vi.mocked(verifyPassword)).toHaveBeenCalledTimes(1);
    await attempt(clock, `nobody_${crypto.randomBytes(4).toString("hex")}`, WRONG);
    expect(vi.mocked(verifyDummy)).toHaveBeenCalledExactlyOnceWith(WRONG);
  });

  it("resets the failure count on success after 9 failures", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const failures = await failTimes(clock, userId, 9);
    expect(failures.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect((await memberRow(member.id)).failedLogins).toBe(9);

    expect((await attempt(clock, userId, DEFAULT_PASSWORD)).ok).toBe(true);
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });

    // The count starts again: 9 more failures do not lock.
    await failTimes(clock, userId, 9);
    expect((await attempt(clock, userId, DEFAULT_PASSWORD)).ok).toBe(true);
  });

  it("locks for one hour at the 10th consecutive failure and mails the member", async () => {
    const clock = testClock();
    const { member, userId, email } = await createMember(t.db, { clock });
    const until = new Date(clock.now().getTime() + HOUR);
    const results = await failTimes(clock, userId, 10);
    expect(results.slice(0, 9).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results[9]).toEqual({ ok: false, reason: "locked", until });
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 10, lockedUntil: until });

    const mails = await lockMails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("ロック");
    // 01:00 UTC is 10:00 in Japan.
    expect(mails[0].text).toContain("2026年4月1日(水) 10:00");
  });

  it("says locked, without checking the password, while the lock lasts", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    await failTimes(clock, userId, 10);
    const until = (await memberRow(member.id)).lockedUntil;

    clock.advance(30 * MINUTE);
    vi.mocked(verifyPassword).mockClear();
    expect(await attempt(clock, userId, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "locked", until });
    expect(await attempt(clock, userId, WRONG)).toEqual({ ok: false, reason: "locked", until });
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 10, lockedUntil: until });
    expect(await liveSessions(member.id)).toHaveLength(0);

    clock.set(new Date(until!.getTime() - 1000));
    expect(await attempt(clock, userId, DEFAULT_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("lets the right password in once the hour has passed", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    await failTimes(clock, userId, 10);
    clock.advance(HOUR);
    expect((await attempt(clock, userId, DEFAULT_PASSWORD)).ok).toBe(true);
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it("counts from 1 again after a lock has run out", async () => {
    const clock = testClock();
    const { member, userId, email } = await createMember(t.db, { clock });
    await failTimes(clock, userId, 10);
    clock.advance(HOUR);
    expect(await attempt(clock, userId, WRONG)).toEqual({ ok: false, reason: "invalid" });
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 1, lockedUntil: null });
    // …and a new lock needs ten more failures.
    const more = await failTimes(clock, userId, 9);
    expect(more.slice(0, 8).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(more[8]).toMatchObject({ ok: false, reason: "locked" });
    expect(await lockMails(email)).toHaveLength(2);
  });

  it("stops at exactly 10 failures when 50 wrong passwords arrive at once", async () => {
    const clock = testClock();
    const { member, userId, email } = await createMember(t.db, { clock });
    const results = await Promise.all(Array.from({ length: 50 }, () => attempt(clock, userId, WRONG)));

    expect(results.every((r) => !r.ok && (r.reason === "invalid" || r.reason === "locked"))).toBe(true);
    // Exactly the first 9 counted failures are "invalid"; the 10th and every later one is "locked".
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(9);
    const until = new Date(clock.now().getTime() + HOUR);
    for (const r of results) if (!r.ok && r.reason === "locked") expect(r.until).toEqual(until);
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 10, lockedUntil: until });
    expect(await lockMails(email)).toHaveLength(1);
    expect((await auditEvents(member.id)).filter((e) => e === "member.locked")).toHaveLength(1);
  });

  it("does not let the right password through once a burst has locked the account", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const burst = Array.from({ length: 50 }, () => attempt(clock, userId, WRONG));
    // Poll (no sleeping) until the burst has locked the account, then join in with the right password.
    // setImmediate lets the burst's I/O callbacks (argon2) run between polls (PGlite never leaves the microtask queue).
    while (!(await memberRow(member.id)).lockedUntil) await new Promise((resolve) => setImmediate(resolve));
    const right = Array.from({ length: 5 }, () => attempt(clock, userId, DEFAULT_PASSWORD));
    const results = await Promise.all([...burst, ...right]);

    expect(results.slice(50).every((r) => !r.ok && r.reason === "locked")).toBe(true);
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 10 });
    expect(await liveSessions(member.id)).toHaveLength(0);
  });

  it("refuses a right password whose check was still running when the 10th failure locked", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    // A deliberately slow hash for this member: the right password takes a long time to verify.
    const slow = await hash(DEFAULT_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 40, parallelism: 1 });
    await t.db.update(members).set({ passwordHash: slow, failedLogins: 9 }).where(eq(members.id, member.id));

    const right = attempt(clock, userId, DEFAULT_PASSWORD);
    // Wait until the login has read the (unlocked) member and started verifying, then lock.
    while (vi.mocked(verifyPassword).mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await recordLoginFailure(t.db, clock, "members", member.id)).toMatchObject({ counted: true, failures: 10 });

    const result = await right;
    expect(result).toMatchObject({ ok: false, reason: "locked" });
    expect(await memberRow(member.id)).toMatchObject({ failedLogins: 10, lockedUntil: new Date(clock.now().getTime() + HOUR) });
    expect(await liveSessions(member.id)).toHaveLength(0);
  });

  it("does not reset a lock through recordLoginSuccess", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock, locked: true });
    expect(await recordLoginSuccess(t.db, clock, "members", member.id)).toBe(false);
    expect((await memberRow(member.id)).failedLogins).toBe(10);
  });

  it("throttles a client address after 50 failures in 15 minutes, and only that address", async () => {
    const clock = testClock();
    const { userId } = await createMember(t.db, { clock });
    const others = await Promise.all([createMember(t.db, { clock }), createMember(t.db, { clock })]);
    const ip = newIp();

    // 49 failures across many user IDs (a shared office network): not yet throttled.
    const unknown = Array.from({ length: 41 }, (_, i) => attempt(clock, `nobody_${i}_${crypto.randomBytes(3).toString("hex")}`, WRONG, ip));
    await Promise.all(unknown);
    for (const o of others) await failTimes(clock, o.userId, 4, ip);
    expect((await attempt(clock, userId, DEFAULT_PASSWORD, ip)).ok).toBe(true);

    // The 50th failure closes the address, even for the right password.
    expect(await attempt(clock, `nobody_${crypto.randomBytes(3).toString("hex")}`, WRONG, ip)).toEqual({ ok: false, reason: "invalid" });
    vi.mocked(verifyPassword).mockClear();
    expect(await attempt(clock, userId, DEFAULT_PASSWORD, ip)).toEqual({ ok: false, reason: "throttled" });
    expect(vi.mocked(verifyPassword)).not.toHaveBeenCalled();
    const [throttledRow] = await t.db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.result, "throttled")));
    expect(throttledRow).toBeDefined();

    // Another address is not affected.
    expect((await attempt(clock, userId, DEFAULT_PASSWORD, newIp())).ok).toBe(true);
    // The address opens again after the window.
    clock.advance(15 * MINUTE);
    expect((await attempt(clock, userId, DEFAULT_PASSWORD, ip)).ok).toBe(true);
  });

  it("does not evaluate more than 50 failures from one address when they arrive at once", async () => {
    const clock = testClock();
    const ip = newIp();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => attempt(clock, `nobody_${i}_${crypto.randomBytes(3).toString("hex")}`, WRONG, ip)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(50);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(10);
  });

  it("matches the user ID case-insensitively", async () => {
    const clock = testClock();
    const userId = `Taro_Kenpo_${crypto.randomBytes(3).toString("hex")}`;
    const { member } = await createMember(t.db, { clock, userId });
    expect(await attempt(clock, userId.toLowerCase(), DEFAULT_PASSWORD)).toMatchObject({ ok: true, memberId: member.id });
    expect(await attempt(clock, userId.toUpperCase(), DEFAULT_PASSWORD)).toMatchObject({ ok: true, memberId: member.id });
    // Failures typed in another case count against the same account.
    await failTimes(clock, userId.toUpperCase(), 2);
    expect((await memberRow(member.id)).failedLogins).toBe(2);
  });

  it("passwords are case-sensitive", async () => {
    const clock = testClock();
    const { userId } = await createMember(t.db, { clock });
    expect(await attempt(clock, userId, DEFAULT_PASSWORD.toLowerCase())).toEqual({ ok: false, reason: "invalid" });
  });

  it("tells a disabled member 'inactive' only after the right password", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock, disabled: true });
    expect(await attempt(clock, userId, WRONG)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(clock, userId, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "inactive" });
    expect(await liveSessions(member.id)).toHaveLength(0);
  });

  it("tells a member whose roster row is inactive 'inactive' only after the right password", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock, rosterActive: false });
    expect(await attempt(clock, userId, WRONG)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(clock, userId, DEFAULT_PASSWORD)).toEqual({ ok: false, reason: "inactive" });
    expect(await liveSessions(member.id)).toHaveLength(0);
  });

  it("a good login's writes: the throttle slot back, one ok attempt, session.ended then login.succeeded", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const ip = newIp();
    const first = await attempt(clock, userId, DEFAULT_PASSWORD, ip);
    const second = await attempt(clock, userId, DEFAULT_PASSWORD, ip);
    expect(first.ok && second.ok && second.replaced).toBe(1);

    const counters = await t.db.select().from(throttleCounters).where(eq(throttleCounters.key, `login:ip:${ip}`));
    expect(counters.reduce((a, c) => a + c.count, 0)).toBe(0);
    const attempts = await t.db.select().from(loginAttempts).where(eq(loginAttempts.memberId, member.id));
    expect(attempts.map((a) => [a.result, a.ok, a.ip, a.typedUserId, a.userAgent])).toEqual([
      ["ok", true, ip, userId, "vitest"],
      ["ok", true, ip, userId, "vitest"],
    ]);
    const rows = (await t.db.select().from(auditLog).where(eq(auditLog.actorId, String(member.id)))).sort((a, b) => a.id - b.id);
    expect(rows.map((r) => [r.event, r.unionId, r.details])).toEqual([
      ["login.succeeded", member.unionId, { replacedSessions: 0 }],
      ["session.ended", null, { reason: "replaced", sessions: 1 }],
      ["login.succeeded", member.unionId, { replacedSessions: 1 }],
    ]);
    for (const r of rows) expect(r).toMatchObject({ actorType: "member", ip, at: clock.now() });
    const live = await liveSessions(member.id);
    expect(live.map((s) => s.id)).toEqual([second.ok ? second.sessionId : ""]);
  });

  it("writes login.failed, member.locked and login.succeeded to the audit log", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const ip = newIp();
    await failTimes(clock, userId, 10, ip);
    clock.advance(HOUR);
    await attempt(clock, userId, DEFAULT_PASSWORD, ip);

    const rows = await t.db.select().from(auditLog).where(eq(auditLog.actorId, String(member.id)));
    const events = rows.map((r) => r.event);
    expect(events.filter((e) => e === "login.failed")).toHaveLength(10);
    expect(events.filter((e) => e === "member.locked")).toHaveLength(1);
    expect(events.filter((e) => e === "login.succeeded")).toHaveLength(1);
    for (const r of rows) expect(r).toMatchObject({ actorType: "member", unionId: member.unionId, ip });
    // Never the typed password.
    for (const r of rows) expect(JSON.stringify(r.details)).not.toContain(WRONG);
  });
});
