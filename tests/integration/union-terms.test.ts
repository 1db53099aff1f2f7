// A union is created with its first 利用規約 (SPEC "Member flows" 5), and a member of a union without
// any terms version does not count as consented.
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { termsVersions, unions } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { recordConsent } from "@/lib/terms/consent";
import { termsStatus } from "@/lib/terms/status";
import { createUnionWithTerms } from "@/lib/unions/create-union";
import { describeEachDatabase } from "../support/databases";
import { createMember } from "../support/member-factories";

const clock = testClock("2026-04-01T00:00:00Z");
const code = () => `u${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 10)}`;

describeEachDatabase("createUnionWithTerms", (t) => {
  it("creates the union and publishes the standard terms naming it as version 1", async () => {
    const result = await createUnionWithTerms(t.db, clock, { code: code(), name: "試験健康保険組合", supportEmail: "support@example.jp" });
    if (!result.ok) throw new Error("not created");
    expect(result.union).toMatchObject({ name: "試験健康保険組合", supportEmail: "support@example.jp" });
    const versions = await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, result.union.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, title: "被扶養者資格調査システム 利用規約", publishedAt: clock.now() });
    expect(versions[0].body).toContain("試験健康保険組合(以下「当組合」)");
  });

  it("refuses a code that exists and adds no terms to the existing union", async () => {
    const first = await createUnionWithTerms(t.db, clock, { code: code(), name: "一番目健康保険組合" });
    if (!first.ok) throw new Error("not created");
    const again = await createUnionWithTerms(t.db, clock, { code: first.union.code, name: "二番目健康保険組合" });
    expect(again).toEqual({ ok: false, reason: "code_taken" });
    expect(await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, first.union.id))).toHaveLength(1);
  });

  it("creates nothing when the terms cannot be stored (one transaction)", async () => {
    const c = code();
    // PostgreSQL refuses NUL in text: the terms insert fails after the union insert succeeded.
    await expect(createUnionWithTerms(t.db, clock, { code: c, name: "途中失敗健康保険組合" }, { title: "規約", body: "\u0000" })).rejects.toThrow();
    expect(await t.db.select().from(unions).where(eq(unions.code, c))).toEqual([]);
  });
});

describeEachDatabase("termsStatus", (t) => {
  it("a member of a union without any terms version is not consented", async () => {
    const union = await createUnion(t.db);
    const { member } = await createMember(t.db, { unionId: union.id });
    expect(await termsStatus(t.db, member)).toEqual({ terms: null, consented: false });
  });

  it("not consented until the member consents to the newest version, and again after a new one", async () => {
    const created = await createUnionWithTerms(t.db, clock, { code: code(), name: "同意健康保険組合" });
    if (!created.ok) throw new Error("not created");
    const { member } = await createMember(t.db, { unionId: created.union.id });
    const first = await termsStatus(t.db, member);
    expect(first).toMatchObject({ terms: { id: created.terms.id, version: 1 }, consented: false });

    await recordConsent(t.db, clock, { memberId: member.id, unionId: member.unionId, termsVersionId: created.terms.id, version: 1, ip: "192.0.2.1" });
    expect((await termsStatus(t.db, member)).consented).toBe(true);

    await t.db.insert(termsVersions).values({ unionId: member.unionId, version: 2, title: "改定", body: "第1条 改定しました。" });
    expect(await termsStatus(t.db, member)).toMatchObject({ terms: { version: 2 }, consented: false });
  });
});
