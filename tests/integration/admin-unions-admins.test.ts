import { standardTerms } from "@/db/seed/terms";
import { and, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { admins, auditLog, sessions, termsVersions, unions } from "@/db/schema";
import { createUnionAdmin, disableAdmin, listAdmins, resetAdminTotp } from "@/lib/admin/admins";
import { openAdminSession } from "@/lib/admin/sessions";
import { decryptTotpSecret } from "@/lib/admin/totp-secret";
import { createUnion, listUnions, updateUnion } from "@/lib/admin/unions";
import { testClock } from "@/lib/clock";
import { TEST_AUTH_SECRET } from "../support/admin-factories";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";

const clock = testClock("2026-04-01T00:00:00Z");
const ctx = { authSecret: TEST_AUTH_SECRET, ip: "10.0.0.9" };
const code = () => `z${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 10)}`;

describeEachDatabase("operator: unions and admins", (t) => {
  it("creates a union with its first 利用規約 in one go, refuses a taken code, and edits it", async () => {
    const op = await operatorScope(t.db);
    const c = code();
    const created = await createUnion(t.db, clock, op, { code: c, name: "試験健康保険組合" });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.id : 0;
    const [terms] = await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, id));
    expect(terms).toMatchObject({ version: 1, title: standardTerms("試験健康保険組合").title });
    expect(terms.body).toContain("試験健康保険組合(以下「当組合」)");
    expect(await createUnion(t.db, clock, op, { code: c, name: "別" })).toEqual({ ok: false, reason: "code_taken" });
    const opNow = await operatorScope(t.db); // a scope read after the union exists
    expect((await listUnions(t.db, opNow)).some((u) => u.id === id)).toBe(true);
    expect(await updateUnion(t.db, clock, opNow, id, { code: c, name: "改名健康保険組合" })).toEqual({ ok: true, id });
    const [event] = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.union_updated"), eq(auditLog.unionId, id)));
    expect(event.details).toEqual({ before: { code: c, name: "試験健康保険組合" }, after: { code: c, name: "改名健康保険組合" } });
  });

  it("a union admin can neither create nor edit unions, nor manage admins", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    expect(await createUnion(t.db, clock, a.scope, { code: code(), name: "x" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await updateUnion(t.db, clock, a.scope, b.union.id, { code: b.union.code, name: "乗っ取り" })).toEqual({ ok: false, reason: "not_found" });
    expect(await updateUnion(t.db, clock, a.scope, a.union.id, { code: a.union.code, name: "乗っ取り" })).toEqual({ ok: false, reason: "not_found" });
    expect((await t.db.select().from(unions).where(eq(unions.id, b.union.id)))[0].name).toBe(b.union.name);
    expect(await createUnionAdmin(t.db, clock, a.scope, { loginId: "sneaky_admin", email: "s@example.jp", password: "Pass-2026x", unionId: b.union.id }, ctx)).toEqual({ ok: false, reason: "forbidden" });
    expect(await resetAdminTotp(t.db, clock, a.scope, b.admin.id, ctx)).toEqual({ ok: false, reason: "not_found" });
    expect(await disableAdmin(t.db, clock, a.scope, b.admin.id, ctx)).toEqual({ ok: false, reason: "not_found" });
    expect(await listAdmins(t.db, a.scope)).toEqual([]);
    const [bAdmin] = await t.db.select().from(admins).where(eq(admins.id, b.admin.id));
    expect(bAdmin.disabledAt).toBeNull();
    expect(bAdmin.totpSecret).toBe(b.admin.totpSecret);
  });

  it("creates a union admin with an encrypted secret and returns its otpauth URI once; login IDs are unique", async () => {
    const { union } = await unionWithAdmin(t.db);
    const op = await operatorScope(t.db);
    const loginId = `staff_${Date.now()}`;
    const made = await createUnionAdmin(t.db, clock, op, { loginId, email: "staff@example.jp", password: "Pass-2026x", unionId: union.id }, ctx);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const [row] = await t.db.select().from(admins).where(eq(admins.id, made.id));
    expect(row).toMatchObject({ role: "union_admin", unionId: union.id });
    const secret = new URL(made.otpauthUri).searchParams.get("secret")!;
    expect(row.totpSecret).not.toContain(secret);
    expect(decryptTotpSecret(row.totpSecret, TEST_AUTH_SECRET)).toBe(secret);
    expect(await createUnionAdmin(t.db, clock, op, { loginId: loginId.toUpperCase(), email: "x@example.jp", password: "Pass-2026x", unionId: union.id }, ctx)).toEqual({ ok: false, reason: "login_id_taken" });
    expect(await createUnionAdmin(t.db, clock, op, { loginId: "nowhere_admin", email: "x@example.jp", password: "Pass-2026x", unionId: 999_999 }, ctx)).toEqual({ ok: false, reason: "union_not_found" });
  });

  it("resets an admin's TOTP (old sessions end) and disables an admin once (sessions end, one audit row)", async () => {
    const { admin } = await unionWithAdmin(t.db);
    const op = await operatorScope(t.db);
    await openAdminSession(t.db, clock, admin, { ip: "10.0.0.1", userAgent: "test" });
    const reset = await resetAdminTotp(t.db, clock, op, admin.id, ctx);
    expect(reset.ok && reset.otpauthUri?.startsWith("otpauth://totp/")).toBe(true);
    const [after] = await t.db.select().from(admins).where(eq(admins.id, admin.id));
    expect(after.totpSecret).not.toBe(admin.totpSecret);
    expect(await t.db.select().from(sessions).where(and(eq(sessions.adminId, admin.id), isNull(sessions.endedAt)))).toEqual([]);

    await openAdminSession(t.db, clock, admin, { ip: "10.0.0.1", userAgent: "test" });
    expect(await disableAdmin(t.db, clock, op, admin.id, ctx)).toEqual({ ok: true });
    expect(await disableAdmin(t.db, clock, op, admin.id, ctx)).toEqual({ ok: true });
    expect((await t.db.select().from(admins).where(eq(admins.id, admin.id)))[0].disabledAt).not.toBeNull();
    expect(await t.db.select().from(sessions).where(and(eq(sessions.adminId, admin.id), isNull(sessions.endedAt)))).toEqual([]);
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.admin_disabled"), eq(auditLog.target, `admin:${admin.id}`)))).toHaveLength(1);
    expect(await disableAdmin(t.db, clock, op, op.admin.id, ctx)).toEqual({ ok: false, reason: "self" });
  });
});
