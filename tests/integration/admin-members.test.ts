// Member support (SPEC: Administrator area, Members): search, the member page, and each action with
// its reason, audit row and idempotency — and tenant isolation: union A's admin gets "not found"
// for union B's member by id (the page's lookup) and by forged action input, with nothing changed.
import { and, desc, eq, isNull } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, emailOutbox, members, sessions } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { memberDetail } from "@/lib/admin/members/detail";
import { runMemberAction, type MemberActionKind } from "@/lib/admin/members/actions";
import { memberSearchParams, searchMembers } from "@/lib/admin/members/search";
import type { AdminScope } from "@/lib/admin/scope";
import { scopeOfAdmin } from "@/lib/admin/scope";
import { login } from "@/lib/auth/login";
import { checkSession, createMemberSession } from "@/lib/auth/sessions";
import { MINUTE, testClock } from "@/lib/clock";
import { describeEachDatabase } from "../support/databases";
import { createTestAdmin } from "../support/admin-factories";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const client = { ip: "192.0.2.44", userAgent: "vitest" };

describeEachDatabase("admin member support", (t) => {
  async function world() {
    const unionA = await createUnion(t.db);
    const unionB = await createUnion(t.db);
    const adminA = await createTestAdmin(t.db, { unionId: unionA.id });
    const scopeA = (await scopeOfAdmin(t.db, adminA.admin.id, "test-session"))!;
    const operator = await createTestAdmin(t.db);
    const scopeOp = (await scopeOfAdmin(t.db, operator.admin.id, "test-session"))!;
    return { unionA, unionB, adminA, scopeA, scopeOp };
  }
  const memberRow = async (id: number) => (await t.db.select().from(members).where(eq(members.id, id)))[0];
  const auditFor = (memberId: number) => t.db.select().from(auditLog).where(eq(auditLog.target, `member:${memberId}`)).orderBy(desc(auditLog.id));
  const run = (scope: AdminScope, kind: MemberActionKind, memberId: number, clock = testClock(), reason = "電話で本人確認済み") =>
    runMemberAction(t.db, clock, scope, kind, { memberId, reason }, client);

  it("parses ?q=&page= once, falling back on anything malformed", () => {
    expect(memberSearchParams.parse({})).toEqual({ q: "", page: 1 });
    expect(memberSearchParams.parse({ q: [" 01-abc ", "x"], page: "3" })).toEqual({ q: "01-abc", page: 3 });
    expect(memberSearchParams.parse({ q: "x".repeat(500), page: "-2" })).toEqual({ q: "", page: 1 });
  });

  it("finds by 記号・番号 in every spelling, by one part, by kana prefix, user ID and email", async () => {
    const { unionA, scopeA } = await world();
    const entry = await createRosterEntry(t.db, { unionId: unionA.id, symbol: "07", number: "kvc0211", kanaName: "ケンポ タロウ" });
    await createRosterEntry(t.db, { unionId: unionA.id, symbol: "07", number: "kvc0211", branch: "01", kanaName: "ケンポ ハナコ" });
    const other = await createMember(t.db, { unionId: unionA.id, userId: "Yamada.Hanako-77", email: "hanako.yamada@example.jp", kanaName: "ヤマダ ハナコ" });
    const ids = async (q: string) => (await searchMembers(t.db, scopeA, { q, page: 1 })).rows.map((r) => r.rosterEntryId);
    for (const q of ["07-kvc0211", "07 kvc0211", "０７－ｋｖｃ０２１１", "07　kvc0211", "kvc0211"]) expect(await ids(q), q).toEqual([entry.id]);
    for (const q of ["けんぽ", "ｹﾝﾎﾟ ﾀﾛｳ", "ケンポタロウ", "けんほ た"]) expect(await ids(q), q).toEqual([entry.id]);
    expect(await ids("yamada.hanako")).toEqual([other.rosterEntry.id]);
    expect(await ids("HANAKO.YAMADA@EXAMPLE.JP")).toEqual([other.rosterEntry.id]);
    // Found by user ID and by email at once: listed and counted once.
    const both = await createMember(t.db, { unionId: unionA.id, userId: "twice_found_1", email: "twice_found_1@example.jp" });
    const twice = await searchMembers(t.db, scopeA, { q: "twice_found", page: 1 });
    expect({ rows: twice.rows.map((r) => r.rosterEntryId), total: twice.total }).toEqual({ rows: [both.rosterEntry.id], total: 1 });
    // Dependents are not listed; a LIKE wildcard is taken literally.
    expect(await ids("けんぽはなこ")).toEqual([]);
    expect(await ids("%")).toEqual([]);
  });

  it("paginates with a count from the same condition", async () => {
    const { unionA, scopeA } = await world();
    for (let i = 0; i < 23; i++) await createRosterEntry(t.db, { unionId: unionA.id, kanaName: "ページ テスト" });
    const first = await searchMembers(t.db, scopeA, { q: "ぺーじ", page: 1 });
    const second = await searchMembers(t.db, scopeA, { q: "ぺーじ", page: 2 });
    expect([first.total, first.pages, first.rows.length, second.rows.length]).toEqual([23, 2, 20, 3]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.rosterEntryId)).size).toBe(23);
    expect((await searchMembers(t.db, scopeA, { q: "ぺーじ", page: 99 })).page).toBe(2);
  });

  it("never shows union B's people to union A's admin, in search or by id", async () => {
    const { unionB, scopeA, scopeOp } = await world();
    const b = await createMember(t.db, { unionId: unionB.id, userId: "union_b_person" });
    expect((await searchMembers(t.db, scopeA, { q: "union_b_person", page: 1 })).total).toBe(0);
    expect((await searchMembers(t.db, scopeA, { q: b.rosterEntry.number, page: 1 })).total).toBe(0);
    expect(await memberDetail(t.db, scopeA, b.rosterEntry.id)).toBeNull();
    // The operator sees them.
    expect((await searchMembers(t.db, scopeOp, { q: "union_b_person", page: 1 })).total).toBe(1);
    expect((await memberDetail(t.db, scopeOp, b.rosterEntry.id))?.account?.member.id).toBe(b.member.id);
  });

  it("shows the member page: roster row, dependents, account, consent, login history", async () => {
    const { unionA, scopeA } = await world();
    const clock = testClock();
    const m = await createMember(t.db, { unionId: unionA.id, clock });
    await createRosterEntry(t.db, { unionId: unionA.id, symbol: m.rosterEntry.symbol, number: m.rosterEntry.number, branch: "01", relationship: "妻" });
    await login(t.db, clock, { userId: m.userId, password: "Wrong#pass1" }, client);
    await login(t.db, clock, { userId: m.userId, password: DEFAULT_PASSWORD }, client);
    const detail = await memberDetail(t.db, scopeA, m.rosterEntry.id);
    expect(detail?.entry.id).toBe(m.rosterEntry.id);
    expect(detail?.dependents.map((d) => d.relationship)).toEqual(["妻"]);
    expect(detail?.account?.logins.map((l) => l.result)).toEqual(["ok", "bad_password"]);
    expect(detail?.account?.liveSessions).toHaveLength(1);
    expect(detail?.account?.events.map((e) => e.event)).toContain("login.failed");
    // A dependent's id is not a member page.
    const dependent = detail!.dependents[0];
    expect(await memberDetail(t.db, scopeA, dependent.id)).toBeNull();
  });

  it("ロック解除: unlocks once, audited with actor, union, ip and reason; the member can log in", async () => {
    const { unionA, scopeA, adminA } = await world();
    const clock = testClock();
    const m = await createMember(t.db, { unionId: unionA.id, locked: true, clock });
    expect(await login(t.db, clock, { userId: m.userId, password: DEFAULT_PASSWORD }, client)).toMatchObject({ ok: false, reason: "locked" });
    const [first, second] = [await run(scopeA, "unlock", m.member.id, clock), await run(scopeA, "unlock", m.member.id, clock)];
    expect([first, second]).toEqual([{ ok: true, done: true }, { ok: true, done: false }]);
    expect(await memberRow(m.member.id)).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    const events = await auditFor(m.member.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: "admin.member_unlocked", actorType: "admin", actorId: String(adminA.admin.id), unionId: unionA.id, ip: client.ip });
    expect(events[0].details).toMatchObject({ reason: "電話で本人確認済み" });
    expect((await login(t.db, clock, { userId: m.userId, password: DEFAULT_PASSWORD }, client)).ok).toBe(true);
  });

  it("ログアウトさせる: ends every live session with reason 'admin', once", async () => {
    const { unionA, scopeA } = await world();
    const clock = testClock();
    const m = await createMember(t.db, { unionId: unionA.id, clock });
    const s = await createMemberSession(t.db, clock, m.member.id, client);
    expect(await run(scopeA, "logout", m.member.id, clock)).toEqual({ ok: true, done: true });
    expect(await run(scopeA, "logout", m.member.id, clock)).toEqual({ ok: true, done: false });
    expect(await checkSession(t.db, clock, s.sessionId)).toEqual({ ok: false, reason: "admin" });
    expect((await auditFor(m.member.id)).map((e) => e.event)).toEqual(["admin.member_logged_out"]);
  });

  it("利用停止 and 利用再開: each once; stopping ends sessions and refuses login, resuming allows it", async () => {
    const { unionA, scopeA } = await world();
    const clock = testClock();
    const m = await createMember(t.db, { unionId: unionA.id, clock });
    const s = await createMemberSession(t.db, clock, m.member.id, client);
    const twice = await Promise.all([run(scopeA, "disable", m.member.id, clock), run(scopeA, "disable", m.member.id, clock)]);
    expect(twice.filter((r) => r.ok && r.done)).toHaveLength(1);
    expect((await memberRow(m.member.id)).disabledAt).toEqual(clock.now());
    expect(await checkSession(t.db, clock, s.sessionId)).toEqual({ ok: false, reason: "admin" });
    expect(await login(t.db, clock, { userId: m.userId, password: DEFAULT_PASSWORD }, client)).toEqual({ ok: false, reason: "inactive" });

    clock.advance(MINUTE);
    expect(await run(scopeA, "enable", m.member.id, clock)).toEqual({ ok: true, done: true });
    expect(await run(scopeA, "enable", m.member.id, clock)).toEqual({ ok: true, done: false });
    expect((await memberRow(m.member.id)).disabledAt).toBeNull();
    expect((await login(t.db, clock, { userId: m.userId, password: DEFAULT_PASSWORD }, client)).ok).toBe(true);
    expect((await auditFor(m.member.id)).map((e) => e.event)).toEqual(["admin.member_enabled", "admin.member_disabled"]);
  });

  it("ユーザーIDを通知: mails the ID to the registered address, at most once a minute", async () => {
    const { unionA, scopeA } = await world();
    const clock = testClock();
    const m = await createMember(t.db, { unionId: unionA.id, clock });
    const mails = () => t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, m.email));
    expect(await run(scopeA, "notify_user_id", m.member.id, clock)).toEqual({ ok: true, done: true });
    expect(await run(scopeA, "notify_user_id", m.member.id, clock)).toEqual({ ok: true, done: false });
    const sent = await mails();
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain(m.userId);
    clock.advance(MINUTE + 1000);
    expect(await run(scopeA, "notify_user_id", m.member.id, clock)).toEqual({ ok: true, done: true });
    expect(await mails()).toHaveLength(2);
    expect((await auditFor(m.member.id)).map((e) => e.event)).toEqual(["admin.member_user_id_sent", "admin.member_user_id_sent"]);
  });

  it("answers not-found to every action on union B's member (a forged id), changing nothing", async () => {
    const { unionB, scopeA } = await world();
    const clock = testClock();
    const b = await createMember(t.db, { unionId: unionB.id, locked: true, clock });
    const s = await createMemberSession(t.db, clock, b.member.id, client);
    const before = await memberRow(b.member.id);
    for (const kind of ["unlock", "logout", "disable", "enable", "notify_user_id"] as const) {
      expect(await run(scopeA, kind, b.member.id, clock), kind).toEqual({ ok: false, reason: "not_found" });
    }
    expect(await run(scopeA, "unlock", 999_999_999, clock)).toEqual({ ok: false, reason: "not_found" });
    expect(await memberRow(b.member.id)).toEqual(before);
    expect((await checkSession(t.db, clock, s.sessionId)).ok).toBe(true);
    expect(await auditFor(b.member.id)).toEqual([]);
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, b.email))).toEqual([]);
    expect(await t.db.select().from(sessions).where(and(eq(sessions.memberId, b.member.id), isNull(sessions.endedAt)))).toHaveLength(1);
  });
});
