import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, termsVersions, unions } from "@/db/schema";
import { currentTermsOf, publishTerms, unionSettings, updateSettings } from "@/lib/admin/settings";
import { testClock } from "@/lib/clock";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";

const clock = testClock("2026-04-01T00:00:00Z");
const input = {
  name: "新しい健康保険組合",
  callCenterPhone: "03-1234-5678",
  callCenterHours: "平日 9:00〜17:00",
  supportEmail: "help@kenpo.example.jp",
  senderEmail: "健保 <no-reply@kenpo.example.jp>",
  surveyOpensOn: "2026-06-01",
  surveyClosesOn: "2026-07-31",
};

describeEachDatabase("admin settings and 利用規約", (t) => {
  it("saves the settings and audits what changed, before and after", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const result = await updateSettings(t.db, clock, scope, union.id, input, "10.0.0.1");
    expect(result).toEqual({ ok: true, changed: ["name", "callCenterPhone", "callCenterHours", "supportEmail", "senderEmail", "surveyOpensOn", "surveyClosesOn"] });
    expect(await unionSettings(t.db, scope, union.id)).toMatchObject(input);
    const [event] = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.settings_updated"), eq(auditLog.unionId, union.id)));
    expect(event.details).toMatchObject({ before: { name: union.name, surveyOpensOn: null }, after: { name: input.name, surveyOpensOn: "2026-06-01" } });
    // Saving the same values again changes and records nothing.
    expect(await updateSettings(t.db, clock, scope, union.id, input)).toEqual({ ok: true, changed: [] });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.settings_updated"), eq(auditLog.unionId, union.id)))).toHaveLength(1);
  });

  it("tenant isolation: union A's admin posting union B's id gets not found and B is unchanged", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    expect(await updateSettings(t.db, clock, a.scope, b.union.id, input)).toEqual({ ok: false, reason: "not_found" });
    expect(await publishTerms(t.db, clock, a.scope, b.union.id, { title: "x", body: "y" })).toEqual({ ok: false, reason: "not_found" });
    expect(await unionSettings(t.db, a.scope, b.union.id)).toBeNull();
    expect(await currentTermsOf(t.db, a.scope, b.union.id)).toBeNull();
    const [after] = await t.db.select().from(unions).where(eq(unions.id, b.union.id));
    expect(after).toEqual(b.union);
    expect(await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, b.union.id))).toEqual([]);
    // An operator may change any union.
    const op = await operatorScope(t.db);
    expect((await updateSettings(t.db, clock, op, b.union.id, input)).ok).toBe(true);
  });

  it("publishes version n+1, refuses an unchanged text (a double click), and audits the publication", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    expect(await publishTerms(t.db, clock, scope, union.id, { title: "規約", body: "第1条" })).toEqual({ ok: true, version: 1 });
    expect(await publishTerms(t.db, clock, scope, union.id, { title: "規約", body: "第1条" })).toEqual({ ok: false, reason: "unchanged" });
    const [second, third] = await Promise.all([
      publishTerms(t.db, clock, scope, union.id, { title: "規約", body: "第1条 改" }),
      publishTerms(t.db, clock, scope, union.id, { title: "規約", body: "第1条 改 2" }),
    ]);
    expect([second, third].map((r) => (r.ok ? r.version : null)).sort()).toEqual([2, 3]);
    const versions = await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, union.id)).orderBy(desc(termsVersions.version));
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect((await currentTermsOf(t.db, scope, union.id))?.version).toBe(3);
    const events = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.terms_published"), eq(auditLog.unionId, union.id)));
    expect(events).toHaveLength(3);
  });
});
