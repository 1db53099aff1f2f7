// The audit log is append-only in the database itself, and the audit screen's search stays within
// the admin's unions (operators also see events tied to no union).
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { auditSearchParams, jstDayStart, searchAudit } from "@/lib/admin/audit/search";
import { runMemberAction } from "@/lib/admin/members/actions";
import { scopeOfAdmin } from "@/lib/admin/scope";
import { audit } from "@/lib/audit";
import { testClock } from "@/lib/clock";
import { describeEachDatabase } from "../support/databases";
import { createTestAdmin } from "../support/admin-factories";
import { createMember } from "../support/member-factories";

const search = (q: Record<string, string> = {}) => auditSearchParams.parse(q);

describeEachDatabase("audit log", (t) => {
  it("refuses UPDATE, DELETE and TRUNCATE on audit_log", async () => {
    const clock = testClock();
    await audit(t.db, clock, { event: "mail.throttled", actorType: "system", details: { n: 1 } });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.event, "mail.throttled"));
    await expect(t.db.update(auditLog).set({ event: "changed" }).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.delete(auditLog).where(eq(auditLog.id, row.id))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    const [after] = await t.db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(after).toEqual(row);
  });

  it("filters by event, actor, member and JST date range, within scope", async () => {
    const clock = testClock("2026-04-01T14:30:00Z"); // 23:30 JST on 4/1
    const unionA = await createUnion(t.db);
    const unionB = await createUnion(t.db);
    const adminA = await createTestAdmin(t.db, { unionId: unionA.id });
    const scopeA = (await scopeOfAdmin(t.db, adminA.admin.id, "s"))!;
    const adminB = await createTestAdmin(t.db, { unionId: unionB.id });
    const scopeB = (await scopeOfAdmin(t.db, adminB.admin.id, "s"))!;
    const operator = await createTestAdmin(t.db);
    const scopeOp = (await scopeOfAdmin(t.db, operator.admin.id, "s"))!;
    const a = await createMember(t.db, { unionId: unionA.id, locked: true, clock });
    const b = await createMember(t.db, { unionId: unionB.id, locked: true, clock });
    const client = { ip: "192.0.2.9" };
    await runMemberAction(t.db, clock, scopeA, "unlock", { memberId: a.member.id, reason: "本人から電話" }, client);
    clock.advance(45 * 60_000); // 00:15 JST on 4/2, b still locked
    await runMemberAction(t.db, clock, scopeB, "unlock", { memberId: b.member.id, reason: "B" }, client);
    await audit(t.db, clock, { event: "admin.login_failed", actorType: "anonymous", ip: "192.0.2.1", details: { reason: "unknown_admin" } });

    const events = async (scope: typeof scopeA, q: Record<string, string>) => (await searchAudit(t.db, scope, search(q))).rows.map((r) => `${r.event}:${r.unionName ?? "-"}`);
    expect(await events(scopeA, { event: "admin.member_unlocked" })).toEqual([`admin.member_unlocked:${unionA.name}`]);
    expect(await events(scopeA, { event: "admin.login_failed" })).toEqual([]);
    expect(await events(scopeOp, { event: "admin.login_failed" })).toEqual(["admin.login_failed:-"]);
    expect(await events(scopeOp, { event: "admin.member_unlocked" })).toHaveLength(2);
    expect(await events(scopeOp, { actor: adminB.loginId.toUpperCase() })).toEqual([`admin.member_unlocked:${unionB.name}`]);
    expect(await events(scopeOp, { member: a.userId })).toEqual([`admin.member_unlocked:${unionA.name}`]);
    // Union A's admin cannot name union B's member, by user ID or number.
    expect(await events(scopeA, { member: b.userId })).toEqual([]);
    expect(await events(scopeA, { member: `#${b.member.id}` })).toEqual([]);
    // Days are Japan days: 4/1 ends at 15:00 UTC.
    expect(await events(scopeOp, { event: "admin.member_unlocked", from: "2026-04-01", to: "2026-04-01" })).toEqual([`admin.member_unlocked:${unionA.name}`]);
    expect(await events(scopeOp, { event: "admin.member_unlocked", from: "2026-04-02" })).toEqual([`admin.member_unlocked:${unionB.name}`]);
    expect(jstDayStart("2026-04-02")?.toISOString()).toBe("2026-04-01T15:00:00.000Z");
    const [row] = (await searchAudit(t.db, scopeA, search({ event: "admin.member_unlocked" }))).rows;
    expect(row).toMatchObject({ actorLoginId: adminA.loginId, subjectUserId: a.userId, subjectRosterEntryId: a.rosterEntry.id, ip: "192.0.2.9" });
  });
});
