// Administrator login (SPEC: Administrator area, Accounts): ID + password + TOTP (±1 step, a used
// step never again, also when two logins race), the member lockout, the shared per-client throttle,
// and one wording for every kind of failure.
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { admins, loginAttempts, sessions } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { adminLogin } from "@/lib/admin/login";
import { decryptTotpSecret } from "@/lib/admin/totp-secret";
import { LIMITS } from "@/lib/auth/throttle";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { describeEachDatabase } from "../support/databases";
import { createTestAdmin, TEST_AUTH_SECRET } from "../support/admin-factories";

let ipSeq = 0;
const newClient = () => ({ ip: `198.51.100.${++ipSeq % 250}`, userAgent: "vitest" });

describeEachDatabase("admin login", (t) => {
  const login = (clock: Clock, input: { loginId: string; password: string; code: string }, client = newClient()) => adminLogin(t.db, clock, TEST_AUTH_SECRET, input, client);
  const liveSessions = (adminId: number) => t.db.select().from(sessions).where(and(eq(sessions.adminId, adminId), isNull(sessions.endedAt)));

  it("stores the TOTP secret encrypted, and only this AUTH_SECRET opens it", async () => {
    const a = await createTestAdmin(t.db);
    const [row] = await t.db.select().from(admins).where(eq(admins.id, a.admin.id));
    expect(row.totpSecret).not.toContain(a.totpSecret);
    expect(decryptTotpSecret(row.totpSecret, TEST_AUTH_SECRET)).toBe(a.totpSecret);
    expect(() => decryptTotpSecret(row.totpSecret, "another-secret-another-secret-another")).toThrow();
  });

  it("logs in with the current code and opens one admin session", async () => {
    const clock = testClock("2026-04-01T00:00:10Z");
    const a = await createTestAdmin(t.db);
    const result = await login(clock, { loginId: a.loginId.toUpperCase(), password: a.password, code: await a.codeAt(clock.now()) });
    expect(result).toMatchObject({ ok: true, adminId: a.admin.id });
    const live = await liveSessions(a.admin.id);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ kind: "admin", memberId: null, expiresAt: new Date(clock.now().getTime() + 8 * HOUR) });
  });

  it("accepts the code of the step before and after, not two steps away", async () => {
    const clock = testClock("2026-04-01T00:10:05Z");
    const a = await createTestAdmin(t.db);
    for (const offset of [-30_000, 30_000]) {
      const b = await createTestAdmin(t.db);
      expect((await login(clock, { loginId: b.loginId, password: b.password, code: await b.codeAt(new Date(clock.now().getTime() + offset)) })).ok).toBe(true);
    }
    for (const offset of [-60_000, 60_000]) {
      expect(await login(clock, { loginId: a.loginId, password: a.password, code: await a.codeAt(new Date(clock.now().getTime() + offset)) })).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("refuses a code whose step was already used, and an older step after a newer one", async () => {
    const clock = testClock("2026-04-01T01:00:00Z");
    const a = await createTestAdmin(t.db);
    const code = await a.codeAt(clock.now());
    expect((await login(clock, { loginId: a.loginId, password: a.password, code })).ok).toBe(true);
    clock.advance(5_000);
    expect(await login(clock, { loginId: a.loginId, password: a.password, code })).toEqual({ ok: false, reason: "invalid" });
    // The next step's code works; after it, the previous step's (still within ±1) does not.
    clock.advance(30_000);
    const next = await a.codeAt(clock.now());
    expect((await login(clock, { loginId: a.loginId, password: a.password, code: next })).ok).toBe(true);
    const previous = await a.codeAt(new Date(clock.now().getTime() - 30_000));
    expect(previous).toBe(code);
    expect(await login(clock, { loginId: a.loginId, password: a.password, code: previous })).toEqual({ ok: false, reason: "invalid" });
    const [row] = await t.db.select().from(admins).where(eq(admins.id, a.admin.id));
    expect(row.failedLogins).toBe(1);
  });

  it("lets exactly one of two racing logins with the same code win", async () => {
    const clock = testClock("2026-04-01T02:00:00Z");
    const a = await createTestAdmin(t.db);
    const code = await a.codeAt(clock.now());
    const results = await Promise.all([1, 2, 3].map(() => login(clock, { loginId: a.loginId, password: a.password, code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "invalid" }, { ok: false, reason: "invalid" }]);
    expect(await liveSessions(a.admin.id)).toHaveLength(1);
  });

  it("says the same for an unknown ID, a wrong password and a wrong code", async () => {
    const clock = testClock("2026-04-01T03:00:00Z");
    const a = await createTestAdmin(t.db);
    const code = await a.codeAt(clock.now());
    const wrongCode = code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
    const outcomes = [
      await login(clock, { loginId: "nobody_here", password: a.password, code }),
      await login(clock, { loginId: a.loginId, password: "Wrong#pass1", code }),
      await login(clock, { loginId: a.loginId, password: a.password, code: wrongCode }),
    ];
    expect(outcomes).toEqual([{ ok: false, reason: "invalid" }, { ok: false, reason: "invalid" }, { ok: false, reason: "invalid" }]);
    const attempts = await t.db.select({ result: loginAttempts.result }).from(loginAttempts).where(eq(loginAttempts.adminId, a.admin.id));
    expect(attempts.map((r) => r.result).sort()).toEqual(["bad_code", "bad_password"]);
  });

  it("locks after 10 failures for an hour, says until when, and checks nothing while locked", async () => {
    const clock = testClock("2026-04-01T04:00:00Z");
    const a = await createTestAdmin(t.db);
    const client = newClient();
    for (let i = 1; i <= 9; i++) expect(await login(clock, { loginId: a.loginId, password: "Wrong#pass1", code: "000000" }, client)).toEqual({ ok: false, reason: "invalid" });
    const until = new Date(clock.now().getTime() + HOUR);
    expect(await login(clock, { loginId: a.loginId, password: a.password, code: "000000" }, client)).toEqual({ ok: false, reason: "locked", until });
    // Everything right, still locked.
    clock.advance(MINUTE);
    expect(await login(clock, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client)).toEqual({ ok: false, reason: "locked", until });
    clock.set(until);
    expect((await login(clock, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client)).ok).toBe(true);
    const [row] = await t.db.select().from(admins).where(eq(admins.id, a.admin.id));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it("stops 20 parallel wrong attempts at exactly 10 counted failures", async () => {
    const clock = testClock("2026-04-01T05:00:00Z");
    const a = await createTestAdmin(t.db);
    await Promise.all(Array.from({ length: 20 }, () => login(clock, { loginId: a.loginId, password: "Wrong#pass1", code: "000000" })));
    const [row] = await t.db.select().from(admins).where(eq(admins.id, a.admin.id));
    expect(row.failedLogins).toBe(10);
    expect(row.lockedUntil).toEqual(new Date(clock.now().getTime() + HOUR));
  });

  it("throttles a client address with the members' limit", async () => {
    const clock = testClock("2026-04-01T06:00:00Z");
    const client = newClient();
    for (let i = 0; i < LIMITS.loginPerClient.limit; i++) await login(clock, { loginId: `nobody_${i}`, password: "x", code: "000000" }, client);
    const a = await createTestAdmin(t.db);
    expect(await login(clock, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client)).toEqual({ ok: false, reason: "throttled" });
  });

  it("refuses a disabled admin once everything else was right", async () => {
    const clock = testClock("2026-04-01T07:00:00Z");
    const union = await createUnion(t.db);
    const a = await createTestAdmin(t.db, { unionId: union.id, disabled: true });
    expect(await login(clock, { loginId: a.loginId, password: "Wrong#pass1", code: "000000" })).toEqual({ ok: false, reason: "invalid" });
    expect(await login(clock, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) })).toEqual({ ok: false, reason: "disabled" });
    expect(await liveSessions(a.admin.id)).toHaveLength(0);
  });
});
