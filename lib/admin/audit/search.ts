// The audit log screen: filter by event, actor (管理者ID), member (ユーザーID or member number) and
// a date range in Japan time; paginated; always within the admin's unions (operators also see
// events tied to no union, such as failed logins for unknown IDs).
import { and, count, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "@/db/connect";
import { admins, auditLog, members, unions } from "@/db/schema";
import { halfWidth } from "../../normalize";
import { memberTarget } from "../members/detail";
import { inScope, type AdminScope } from "../scope";

export const AUDIT_PAGE_SIZE = 50;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).catch("")).default("");
const day = z.preprocess(first, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined));

export const auditSearchParams = z.object({
  event: text(60),
  actor: text(100),
  member: text(100),
  from: day,
  to: day,
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type AuditSearch = z.output<typeof auditSearchParams>;

/** Midnight at the start of a Japan-time day, as an instant. */
export function jstDayStart(isoDay: string): Date | null {
  const at = new Date(`${isoDay}T00:00:00+09:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

const actorAdmin = alias(admins, "actor_admin");
const subject = alias(members, "subject_member");

/** The member the filter names, within scope: a ユーザーID or a member number (`#12` or `12`). */
async function memberIdFor(db: DbOrTx, scope: AdminScope, typed: string): Promise<number | null> {
  const value = halfWidth(typed);
  const byNumber = /^#?(\d{1,15})$/.exec(value);
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(inScope(scope, members.unionId), byNumber ? eq(members.id, Number(byNumber[1])) : eq(sql`lower(${members.userId})`, value.toLowerCase())));
  return row?.id ?? null;
}

export async function searchAudit(db: DbOrTx, scope: AdminScope, search: AuditSearch) {
  const conditions: (SQL | undefined)[] = [inScope(scope, auditLog.unionId, { unassigned: true })];
  if (search.event) conditions.push(eq(auditLog.event, search.event));
  if (search.actor) {
    const [admin] = await db.select({ id: admins.id }).from(admins).where(eq(sql`lower(${admins.loginId})`, halfWidth(search.actor).toLowerCase()));
    conditions.push(admin ? and(eq(auditLog.actorType, "admin"), eq(auditLog.actorId, String(admin.id))) : sql`false`);
  }
  if (search.member) {
    const memberId = await memberIdFor(db, scope, search.member);
    conditions.push(memberId == null ? sql`false` : or(and(eq(auditLog.actorType, "member"), eq(auditLog.actorId, String(memberId))), eq(auditLog.target, memberTarget(memberId))));
  }
  const from = search.from ? jstDayStart(search.from) : null;
  const to = search.to ? jstDayStart(search.to) : null;
  if (from) conditions.push(gte(auditLog.at, from));
  if (to) conditions.push(lt(auditLog.at, new Date(to.getTime() + 86_400_000)));
  const where = and(...conditions);

  return db.transaction(async (tx) => {
    const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(where);
    const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
    const page = Math.min(search.page, pages);
    const rows = await tx
      .select({
        id: auditLog.id,
        at: auditLog.at,
        event: auditLog.event,
        actorType: auditLog.actorType,
        actorId: auditLog.actorId,
        actorLoginId: actorAdmin.loginId,
        unionName: unions.name,
        target: auditLog.target,
        ip: auditLog.ip,
        details: auditLog.details,
        subjectUserId: subject.userId,
        subjectRosterEntryId: subject.rosterEntryId,
      })
      .from(auditLog)
      .leftJoin(actorAdmin, and(eq(auditLog.actorType, "admin"), eq(auditLog.actorId, sql`${actorAdmin.id}::text`)))
      .leftJoin(unions, eq(unions.id, auditLog.unionId))
      .leftJoin(
        subject,
        and(
          or(and(eq(auditLog.actorType, "member"), eq(auditLog.actorId, sql`${subject.id}::text`)), eq(auditLog.target, sql`'member:' || ${subject.id}::text`)),
          // Joined only to name the member; the row itself is already in scope.
          inScope(scope, subject.unionId),
        ),
      )
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE);
    return { rows, total, page, pages };
  });
}

/** The 理由 an admin typed for an action on a member (other events keep codes in `reason`). */
export function adminReason(row: { event: string; details: unknown }): string | null {
  if (!row.event.startsWith("admin.member_")) return null;
  const reason = (row.details as { reason?: unknown } | null)?.reason;
  return typeof reason === "string" ? reason : null;
}
