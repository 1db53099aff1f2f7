// Admin sessions and the gate: own kind of session (30 min idle, 8 h absolute, logout, revocation),
// one live per admin, the scope an admin gets, and no crossing between member and admin sessions.
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { admins, sessions } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { adminLogin } from "@/lib/admin/login";
import { resolveAdminScope } from "@/lib/admin/resolve-scope";
import { inScope } from "@/lib/admin/scope";
import { ADMIN_SESSION_POLICY, adminCookieName, adminCookieOptions, checkAdminSession, endAdminSession, endAdminSessions, sessionIdOf } from "@/lib/admin/sessions";
import { checkSession, createMemberSession } from "@/lib/auth/sessions";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { members } from "@/db/schema";
import { describeEachDatabase } from "../support/databases";
import { createTestAdmin, TEST_AUTH_SECRET } from "../support/admin-factories";
import { createMember } from "../support/member-factories";

const client = { ip: "203.0.113.7", userAgent: "vitest" };

describeEachDatabase("admin sessions and the gate", (t) => {
  async function signedIn(clock: Clock, options: Parameters<typeof createTestAdmin>[1] = {}) {
    const a = await createTestAdmin(t.db, options);
    const result = await adminLogin(t.db, clock, TEST_AUTH_SECRET, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client);
    if (!result.ok) throw new Error(`login failed: ${result.reason}`);
    return { ...a, token: result.token, sessionId: result.sessionId };
  }

  it("keeps the policy: 30 minutes idle, 8 hours absolute; its own cookie", () => {
    expect(ADMIN_SESSION_POLICY.idleMs).toBe(30 * MINUTE);
    expect(ADMIN_SESSION_POLICY.absoluteMs).toBe(8 * HOUR);
    expect(adminCookieName(true)).toBe("__Host-fuyo.admin");
    expect(adminCookieName(false)).toBe("fuyo.admin");
    expect(adminCookieOptions(true)).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax", path: "/" });
  });

  it("stores only the token's hash and resolves the token to the admin's scope", async () => {
    const clock = testClock();
    const union = await createUnion(t.db);
    const a = await signedIn(clock, { unionId: union.id });
    const [row] = await t.db.select().from(sessions).where(eq(sessions.adminId, a.admin.id));
    expect(row.id).toBe(sessionIdOf(a.token));
    expect(row.id).not.toBe(a.token);
    const result = await resolveAdminScope(t.db, clock, a.token);
    expect(result).toEqual({
      ok: true,
      scope: { admin: { id: a.admin.id, loginId: a.loginId, email: a.admin.email, role: "union_admin", unionId: union.id }, unionIds: [union.id], sessionId: row.id },
    });
    // The stored id is not a cookie.
    expect(await resolveAdminScope(t.db, clock, row.id)).toEqual({ ok: false, reason: "missing" });
  });

  it("gives an operator every union", async () => {
    const clock = testClock();
    await createUnion(t.db);
    await createUnion(t.db);
    const a = await signedIn(clock);
    const result = await resolveAdminScope(t.db, clock, a.token);
    const all = (await t.db.query.unions.findMany()).map((u) => u.id).sort((x, y) => x - y);
    expect(result.ok && result.scope.unionIds).toEqual(all);
    expect(result.ok && result.scope.admin.role).toBe("operator");
  });

  it("ends after 30 minutes without a request, and keeps alive with requests", async () => {
    const clock = testClock();
    const a = await signedIn(clock);
    clock.advance(29 * MINUTE);
    expect((await checkAdminSession(t.db, clock, a.token)).ok).toBe(true);
    clock.advance(29 * MINUTE);
    expect((await checkAdminSession(t.db, clock, a.token)).ok).toBe(true);
    clock.advance(30 * MINUTE);
    expect(await checkAdminSession(t.db, clock, a.token)).toEqual({ ok: false, reason: "idle" });
    clock.advance(-30 * MINUTE);
    expect(await checkAdminSession(t.db, clock, a.token)).toEqual({ ok: false, reason: "idle" });
  });

  it("ends 8 hours after login however busy", async () => {
    const clock = testClock();
    const a = await signedIn(clock);
    for (let i = 0; i < 8 * 3 - 1; i++) {
      clock.advance(20 * MINUTE);
      expect((await checkAdminSession(t.db, clock, a.token)).ok).toBe(true);
    }
    clock.advance(20 * MINUTE);
    expect(await checkAdminSession(t.db, clock, a.token)).toEqual({ ok: false, reason: "expired" });
  });

  it("ends by logout, and a new login replaces the older session", async () => {
    const clock = testClock();
    const a = await signedIn(clock);
    expect(await endAdminSession(t.db, clock, a.sessionId, "logout")).toBe(true);
    expect(await endAdminSession(t.db, clock, a.sessionId, "logout")).toBe(false);
    expect(await checkAdminSession(t.db, clock, a.token)).toEqual({ ok: false, reason: "logout" });

    clock.advance(MINUTE);
    const first = await adminLogin(t.db, clock, TEST_AUTH_SECRET, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client);
    clock.advance(MINUTE);
    const second = await adminLogin(t.db, clock, TEST_AUTH_SECRET, { loginId: a.loginId, password: a.password, code: await a.codeAt(clock.now()) }, client);
    if (!first.ok || !second.ok) throw new Error("login failed");
    expect(await checkAdminSession(t.db, clock, first.token)).toEqual({ ok: false, reason: "replaced" });
    expect((await checkAdminSession(t.db, clock, second.token)).ok).toBe(true);
    expect(await t.db.select().from(sessions).where(and(eq(sessions.adminId, a.admin.id), isNull(sessions.endedAt)))).toHaveLength(1);
  });

  it("is revocable, and a disabled admin's session stops at the next request", async () => {
    const clock = testClock();
    const a = await signedIn(clock);
    expect(await endAdminSessions(t.db, clock, a.admin.id, "revoked")).toBe(1);
    expect(await resolveAdminScope(t.db, clock, a.token)).toEqual({ ok: false, reason: "revoked" });

    const b = await signedIn(clock);
    await t.db.update(admins).set({ disabledAt: clock.now() }).where(eq(admins.id, b.admin.id));
    expect(await resolveAdminScope(t.db, clock, b.token)).toEqual({ ok: false, reason: "disabled" });
    expect(await resolveAdminScope(t.db, clock, b.token)).toEqual({ ok: false, reason: "disabled" });
  });

  it("never lets a member session act as an admin one, nor the other way round", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const memberSession = await createMemberSession(t.db, clock, member.id, client);
    // The member's session id (what its JWT carries) as an admin token, or as the stored id.
    expect(await resolveAdminScope(t.db, clock, memberSession.sessionId)).toEqual({ ok: false, reason: "missing" });
    await t.db.update(sessions).set({ id: sessionIdOf("forged") }).where(eq(sessions.id, memberSession.sessionId));
    expect(await resolveAdminScope(t.db, clock, "forged")).toEqual({ ok: false, reason: "missing" });

    // An admin session carries no member: the member gate's join (sessions.member_id) finds nobody.
    const a = await signedIn(clock);
    const check = await checkSession(t.db, clock, a.sessionId);
    expect(check).toEqual({ ok: true, memberId: null, adminId: a.admin.id });
    const rows = await t.db.select({ id: members.id }).from(members).innerJoin(sessions, eq(sessions.memberId, members.id)).where(eq(sessions.id, a.sessionId));
    expect(rows).toEqual([]);
  });

  it("puts the scope into queries: a union admin's condition matches only its union", async () => {
    const clock = testClock();
    const unionA = await createUnion(t.db);
    const unionB = await createUnion(t.db);
    const a = await signedIn(clock, { unionId: unionA.id });
    const result = await resolveAdminScope(t.db, clock, a.token);
    if (!result.ok) throw new Error("no scope");
    const inA = await createMember(t.db, { unionId: unionA.id });
    await createMember(t.db, { unionId: unionB.id });
    const seen = await t.db.select({ id: members.id }).from(members).where(inScope(result.scope, members.unionId));
    expect(seen.map((m) => m.id)).toEqual([inA.member.id]);
    // An admin with no union sees nothing at all.
    const empty = { ...result.scope, unionIds: [] };
    expect(await t.db.select({ id: members.id }).from(members).where(inScope(empty, members.unionId))).toEqual([]);
  });
});
