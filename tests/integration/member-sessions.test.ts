// Member sessions (SPEC §Member flows 4): one live session per account (a new login ends the
// older one, which learns why), 30 minutes idle, 12 hours absolute, logout.
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { sessions } from "@/db/schema";
import { login } from "@/lib/auth/login";
import { checkSession, createMemberSession, endSession, SESSION_POLICY } from "@/lib/auth/sessions";
import { HOUR, MINUTE, testClock } from "@/lib/clock";
import { describeEachDatabase } from "../support/databases";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const client = { ip: "192.0.2.10", userAgent: "vitest" };

describeEachDatabase("member sessions", (t) => {
  const live = (memberId: number) => t.db.select().from(sessions).where(and(eq(sessions.memberId, memberId), isNull(sessions.endedAt)));
  const row = async (id: string) => (await t.db.select().from(sessions).where(eq(sessions.id, id)))[0];

  it("keeps the policy of SPEC §4", () => {
    expect(SESSION_POLICY.idleMs).toBe(30 * MINUTE);
    expect(SESSION_POLICY.absoluteMs).toBe(12 * HOUR);
  });

  it("ends the older session with 'replaced' when the member logs in again", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const first = await createMemberSession(t.db, clock, member.id, client);
    expect(first.replaced).toBe(0);
    clock.advance(MINUTE);
    const second = await createMemberSession(t.db, clock, member.id, client);
    expect(second.replaced).toBe(1);

    expect(await checkSession(t.db, clock, first.sessionId)).toEqual({ ok: false, reason: "replaced" });
    expect(await checkSession(t.db, clock, second.sessionId)).toEqual({ ok: true, memberId: member.id, adminId: null });
    const rows = await live(member.id);
    expect(rows.map((r) => r.id)).toEqual([second.sessionId]);
    expect(await row(first.sessionId)).toMatchObject({ endReason: "replaced", endedAt: clock.now() });
  });

  it("does not touch another member's session", async () => {
    const clock = testClock();
    const a = await createMember(t.db, { clock });
    const b = await createMember(t.db, { clock });
    const sa = await createMemberSession(t.db, clock, a.member.id, client);
    await createMemberSession(t.db, clock, b.member.id, client);
    expect((await checkSession(t.db, clock, sa.sessionId)).ok).toBe(true);
  });

  it("says 'missing' for an unknown session id", async () => {
    expect(await checkSession(t.db, testClock(), crypto.randomBytes(32).toString("base64url"))).toEqual({ ok: false, reason: "missing" });
  });

  it("ends a session after 30 minutes without a request", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const { sessionId } = await createMemberSession(t.db, clock, member.id, client);
    clock.advance(30 * MINUTE);
    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "idle" });
    expect(await row(sessionId)).toMatchObject({ endReason: "idle", endedAt: clock.now() });
    // Ended for good: it does not come back.
    clock.advance(-20 * MINUTE);
    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "idle" });
  });

  it("keeps a session alive at 29 minutes idle", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const { sessionId } = await createMemberSession(t.db, clock, member.id, client);
    clock.advance(29 * MINUTE);
    expect((await checkSession(t.db, clock, sessionId)).ok).toBe(true);
  });

  it("counts idleness from the last request", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const { sessionId } = await createMemberSession(t.db, clock, member.id, client);
    clock.advance(20 * MINUTE);
    expect((await checkSession(t.db, clock, sessionId)).ok).toBe(true);
    clock.advance(20 * MINUTE);
    expect((await checkSession(t.db, clock, sessionId)).ok).toBe(true);
    clock.advance(30 * MINUTE);
    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "idle" });
  });

  it("ends a session 12 hours after login even with steady activity", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const start = clock.now().getTime();
    const { sessionId } = await createMemberSession(t.db, clock, member.id, client);
    while (clock.now().getTime() + 20 * MINUTE < start + 12 * HOUR) {
      clock.advance(20 * MINUTE);
      expect((await checkSession(t.db, clock, sessionId)).ok).toBe(true);
    }
    clock.set(new Date(start + 12 * HOUR - 1000));
    expect((await checkSession(t.db, clock, sessionId)).ok).toBe(true);
    clock.set(new Date(start + 12 * HOUR));
    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "expired" });
    expect((await row(sessionId)).endReason).toBe("expired");
  });

  it("ends a session on logout", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const { sessionId } = await createMemberSession(t.db, clock, member.id, client);
    await endSession(t.db, clock, sessionId, "logout");
    expect(await checkSession(t.db, clock, sessionId)).toEqual({ ok: false, reason: "logout" });
    expect(await live(member.id)).toHaveLength(0);
    // A later end does not rewrite why it ended.
    await endSession(t.db, clock, sessionId, "admin");
    expect((await row(sessionId)).endReason).toBe("logout");
  });

  it("leaves exactly one live session when the same member's sessions are created at once", async () => {
    const clock = testClock();
    const { member } = await createMember(t.db, { clock });
    const created = await Promise.all(Array.from({ length: 5 }, () => createMemberSession(t.db, clock, member.id, client)));
    const rows = await live(member.id);
    expect(rows).toHaveLength(1);
    const checks = await Promise.all(created.map((c) => checkSession(t.db, clock, c.sessionId)));
    expect(checks.filter((c) => c.ok)).toHaveLength(1);
    expect(checks.filter((c) => !c.ok && c.reason === "replaced")).toHaveLength(4);
  });

  it("leaves exactly one live session when the member logs in on two devices at once", async () => {
    const clock = testClock();
    const { member, userId } = await createMember(t.db, { clock });
    const results = await Promise.all([
      login(t.db, clock, { userId, password: DEFAULT_PASSWORD }, { ip: "192.0.2.20", userAgent: "phone" }),
      login(t.db, clock, { userId, password: DEFAULT_PASSWORD }, { ip: "192.0.2.21", userAgent: "desktop" }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await live(member.id);
    expect(rows).toHaveLength(1);
    const ids = results.map((r) => (r.ok ? r.sessionId : ""));
    expect(ids).toContain(rows[0].id);
    const older = ids.find((id) => id !== rows[0].id)!;
    expect(await checkSession(t.db, clock, older)).toEqual({ ok: false, reason: "replaced" });
  });
});
