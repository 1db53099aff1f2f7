import { count, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { members, rosterEntries, termsConsents, termsVersions } from "@/db/schema";
import { createRosterEntry } from "@/db/seed/factories";
import { csvStream } from "@/lib/admin/csv";
import { dashboardStats, signupsPerDay } from "@/lib/admin/dashboard";
import { AUDIT_HEADER, auditRows, BATCH, MEMBER_HEADER, memberRows } from "@/lib/admin/exports";
import { audit } from "@/lib/audit";
import { testClock } from "@/lib/clock";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createMember } from "../support/member-factories";

const clock = testClock("2026-04-10T03:00:00Z"); // 12:00 in Japan

async function text(stream: ReadableStream<Uint8Array>, encoding: "utf-8" | "sjis" = "utf-8"): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  const all = Buffer.concat(parts);
  return encoding === "sjis" ? iconv.decode(all, "cp932") : all.toString("utf8");
}

const parse = (csv: string) => csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));

describeEachDatabase("admin dashboard and exports", (t) => {
  it("counts insured persons, accounts, consent to the current terms and locks, per union in scope", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    const [v1] = await t.db.insert(termsVersions).values({ unionId: a.union.id, version: 1, title: "t", body: "1" }).returning();
    const m1 = await createMember(t.db, { unionId: a.union.id, clock });
    const m2 = await createMember(t.db, { unionId: a.union.id, clock, locked: true });
    await createMember(t.db, { unionId: b.union.id, clock });
    await createRosterEntry(t.db, { unionId: a.union.id, branch: "01" }); // a dependent: not counted
    await createRosterEntry(t.db, { unionId: a.union.id, active: false }); // inactive: not counted
    await t.db.insert(termsConsents).values([{ memberId: m1.member.id, termsVersionId: v1.id, consentedAt: clock.now() }, { memberId: m2.member.id, termsVersionId: v1.id, consentedAt: clock.now() }]);
    expect(await dashboardStats(t.db, clock, a.scope, [a.union.id])).toEqual({ insured: 2, accounts: 2, consented: 2, locked: 1 });
    // A new version: nobody has consented to it yet.
    await t.db.insert(termsVersions).values({ unionId: a.union.id, version: 2, title: "t", body: "2" });
    expect((await dashboardStats(t.db, clock, a.scope, [a.union.id])).consented).toBe(0);
    // Union B's ids are dropped from a union admin's request: nothing of B is counted.
    expect(await dashboardStats(t.db, clock, a.scope, [b.union.id])).toEqual({ insured: 0, accounts: 0, consented: 0, locked: 0 });
    const op = await operatorScope(t.db);
    expect((await dashboardStats(t.db, clock, op, [a.union.id, b.union.id])).accounts).toBe(3);
  });

  it("counts sign-ups per Japan day, with empty days as zero", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const m = await createMember(t.db, { unionId: union.id, clock });
    // 2026-04-09 15:30 UTC is 2026-04-10 00:30 in Japan.
    await t.db.update(members).set({ createdAt: new Date("2026-04-09T15:30:00Z") }).where(eq(members.id, m.member.id));
    const m2 = await createMember(t.db, { unionId: union.id, clock });
    await t.db.update(members).set({ createdAt: new Date("2026-04-09T14:30:00Z") }).where(eq(members.id, m2.member.id));
    const days = await signupsPerDay(t.db, clock, scope, [union.id], 7);
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({ day: "2026-04-10", count: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-04-09", count: 1 });
    expect(days[0]).toEqual({ day: "2026-04-04", count: 0 });
  });

  it("keeps the counters exact under concurrent sign-ups and consents, in committed transactions only", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const [v1] = await t.db.insert(termsVersions).values({ unionId: union.id, version: 1, title: "t", body: "1" }).returning();
    const entries = await t.db
      .insert(rosterEntries)
      .values(Array.from({ length: 40 }, (_, i) => ({ unionId: union.id, symbol: "91", number: `c${i}`, branch: "00", name: "並行 太郎", kanaName: "ヘイコウ タロウ", kanaKey: "へいこうたろう", birthDate: "1980-01-01", relationship: "本人", isInsured: true })))
      .returning({ id: rosterEntries.id });
    // 40 sign-ups at once, each in its own transaction, over two Japan days; every fifth rolls back.
    const days = [new Date("2026-04-10T01:00:00Z"), new Date("2026-04-09T05:00:00Z")];
    const results = await Promise.allSettled(
      entries.map((e, i) =>
        t.db.transaction(async (tx) => {
          const [m] = await tx
            .insert(members)
            .values({ unionId: union.id, rosterEntryId: e.id, userId: `conc_${union.id}_${i}`, email: `c${i}@example.jp`, passwordHash: "x", createdAt: days[i % 2] })
            .returning({ id: members.id });
          await tx.insert(termsConsents).values({ memberId: m.id, termsVersionId: v1.id, consentedAt: clock.now() });
          if (i % 5 === 4) throw new Error("rolled back");
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(32);
    const stats = await dashboardStats(t.db, clock, scope, [union.id]);
    expect(stats).toMatchObject({ insured: 40, accounts: 32, consented: 32 });
    const perDay = await signupsPerDay(t.db, clock, scope, [union.id], 2);
    expect(perDay).toEqual([
      { day: "2026-04-09", count: 16 },
      { day: "2026-04-10", count: 16 },
    ]);
    // The counters agree with counting the rows.
    const [{ n }] = await t.db.select({ n: count() }).from(members).where(eq(members.unionId, union.id));
    expect(n).toBe(32);
  });

  it("exports members in batches, scoped to the admin's unions, formula-safe, in UTF-8 with BOM and in Shift_JIS", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    const evil = await createMember(t.db, { unionId: a.union.id, clock, userId: `=cmd_${Date.now()}` });
    const n = BATCH + 5;
    const bulk = Array.from({ length: n - 1 }, (_, i) => i);
    const entries = await t.db
      .insert(rosterEntries)
      .values(bulk.map((i) => ({ unionId: a.union.id, symbol: "90", number: `b${i}`, branch: "00", name: "一括 太郎", kanaName: "イッカツ タロウ", kanaKey: "いつかつたろう", birthDate: "1980-01-01", relationship: "本人", isInsured: true })))
      .returning({ id: rosterEntries.id });
    await t.db.insert(members).values(entries.map((e, i) => ({ unionId: a.union.id, rosterEntryId: e.id, userId: `bulk_${a.union.id}_${i}`, email: `bulk${i}@example.jp`, passwordHash: "x" })));
    const other = await createMember(t.db, { unionId: b.union.id, clock });
    const utf8 = await text(csvStream(MEMBER_HEADER, memberRows(t.db, a.scope, a.scope.unionIds), "utf-8"));
    expect(utf8.startsWith("\uFEFF保険者指定コード,記号,番号")).toBe(true);
    const rows = parse(utf8);
    expect(rows).toHaveLength(n + 1);
    expect(rows.slice(1).every((r) => r[0] === a.union.code)).toBe(true);
    expect(utf8).not.toContain(other.userId);
    expect(utf8).toContain(`'${evil.userId}`);
    // A forged ?union= of another union narrows to nothing.
    expect(parse(await text(csvStream(MEMBER_HEADER, memberRows(t.db, a.scope, [b.union.id]), "utf-8")))).toHaveLength(1);
    const sjis = await text(csvStream(MEMBER_HEADER, memberRows(t.db, a.scope, a.scope.unionIds), "sjis"), "sjis");
    expect(sjis).toBe(utf8.slice(1));
  });

  it("exports the audit log of the admin's unions only; an operator's full export adds union-less events", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    await audit(t.db, clock, { event: "login.succeeded", actorType: "member", actorId: 1, unionId: a.union.id, ip: "10.0.0.1", details: { note: "-danger" } });
    await audit(t.db, clock, { event: "login.succeeded", actorType: "member", actorId: 2, unionId: b.union.id, ip: "10.0.0.2" });
    await audit(t.db, clock, { event: "admin.login_failed", actorType: "anonymous", ip: "10.0.0.3" });
    const mine = parse(await text(csvStream(AUDIT_HEADER, auditRows(t.db, a.scope, a.scope.unionIds, true), "utf-8")));
    expect(mine.slice(1).map((r) => r[6])).toEqual(["10.0.0.1"]);
    expect(mine[1][0]).toBe("2026-04-10 12:00:00");
    const op = await operatorScope(t.db);
    const all = parse(await text(csvStream(AUDIT_HEADER, auditRows(t.db, op, op.unionIds, true), "utf-8")));
    expect(all.slice(1).map((r) => r[6])).toEqual(expect.arrayContaining(["10.0.0.1", "10.0.0.2", "10.0.0.3"]));
    const justA = parse(await text(csvStream(AUDIT_HEADER, auditRows(t.db, op, [a.union.id], false), "utf-8")));
    expect(justA.slice(1).map((r) => r[6])).toEqual(["10.0.0.1"]);
  });
});
