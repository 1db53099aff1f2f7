// The admin CSV exports, read in keyset batches (id > last, LIMIT n) so that an export of half a
// million members holds one batch at a time and never a long-running cursor's snapshot. Every
// batch is scoped by the admin's unions in its WHERE.
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { auditLog, members, rosterEntries, unions } from "@/db/schema";
import type { AdminScope } from "./scope";
import { inUnions, isOperator } from "./scope-params";

export const BATCH = 1000;

const jst = (d: Date | null) =>
  d ? new Date(d.getTime() + 9 * 3600_000).toISOString().replace("T", " ").slice(0, 19) : "";

export const MEMBER_HEADER = ["保険者指定コード", "記号", "番号", "枝番", "氏名", "氏名カナ", "生年月日", "ユーザーID", "メールアドレス", "登録日時", "最終ログイン", "ロック解除予定", "利用停止日時", "名簿", "同意した利用規約の版"];

/** Narrows the scope to the requested unions (never widens it). */
const within = (scope: AdminScope, unionIds: number[]) => unionIds.filter((id) => scope.unionIds.includes(id));

export async function* memberRows(db: Db, scope: AdminScope, unionIds: number[]): AsyncGenerator<unknown[][]> {
  const ids = within(scope, unionIds);
  let last = 0;
  for (;;) {
    const rows = await db
      .select({
        id: members.id,
        code: unions.code,
        symbol: rosterEntries.symbol,
        number: rosterEntries.number,
        branch: rosterEntries.branch,
        name: rosterEntries.name,
        kana: rosterEntries.kanaName,
        birthDate: rosterEntries.birthDate,
        userId: members.userId,
        email: members.email,
        createdAt: members.createdAt,
        lastLoginAt: members.lastLoginAt,
        lockedUntil: members.lockedUntil,
        disabledAt: members.disabledAt,
        active: rosterEntries.active,
        consented: sql<number | null>`(select max(tv.version) from terms_consents tc join terms_versions tv on tv.id = tc.terms_version_id where tc.member_id = ${members.id})`,
      })
      .from(members)
      .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
      .innerJoin(unions, eq(unions.id, members.unionId))
      .where(and(inUnions(members.unionId, ids), gt(members.id, last)))
      .orderBy(asc(members.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id;
    yield rows.map((r) => [r.code, r.symbol, r.number, r.branch, r.name, r.kana, r.birthDate, r.userId, r.email, jst(r.createdAt), jst(r.lastLoginAt), jst(r.lockedUntil), jst(r.disabledAt), r.active ? "有効" : "無効", r.consented ?? ""]);
    if (rows.length < BATCH) return;
  }
}

export const AUDIT_HEADER = ["日時", "イベント", "操作者の種類", "操作者", "保険者指定コード", "対象", "IP アドレス", "詳細"];

/**
 * The audit log within the scope. An operator's export of every union also has the events that
 * belong to no union (operator sign-ins, system events); a single union's export never does.
 */
export async function* auditRows(db: Db, scope: AdminScope, unionIds: number[], all: boolean): AsyncGenerator<unknown[][]> {
  const ids = within(scope, unionIds);
  const where = isOperator(scope) && all ? or(inUnions(auditLog.unionId, ids), isNull(auditLog.unionId)) : inUnions(auditLog.unionId, ids);
  let last = 0;
  for (;;) {
    const rows = await db
      .select({ id: auditLog.id, at: auditLog.at, event: auditLog.event, actorType: auditLog.actorType, actorId: auditLog.actorId, code: unions.code, target: auditLog.target, ip: auditLog.ip, details: auditLog.details })
      .from(auditLog)
      .leftJoin(unions, eq(unions.id, auditLog.unionId))
      .where(and(where, gt(auditLog.id, last)))
      .orderBy(asc(auditLog.id))
      .limit(BATCH);
    if (rows.length === 0) return;
    last = rows[rows.length - 1].id;
    yield rows.map((r) => [jst(r.at), r.event, r.actorType, r.actorId, r.code, r.target, r.ip, r.details == null ? "" : JSON.stringify(r.details)]);
    if (rows.length < BATCH) return;
  }
}
