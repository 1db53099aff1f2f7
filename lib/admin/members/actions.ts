// What staff can do for a member: ロック解除, ログアウトさせる, 利用停止, 利用再開, ユーザーIDを通知.
// Each one re-reads the member inside the admin's scope (ids from a form are untrusted), does its
// change with one guarded UPDATE so a double click does it once, and is audited with the reason.
import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { members } from "@/db/schema";
import { audit } from "../../audit";
import type { AuditEventName } from "../../audit-events";
import { endMemberSessions } from "../../auth/sessions";
import { take } from "../../auth/throttle";
import { MINUTE, type Clock } from "../../clock";
import { loginUrl } from "../../email/links";
import { sendEmail } from "../../email/send";
import { inScope, type AdminScope } from "../scope";
import type { MemberActionKind } from "./action-schema";
import { memberTarget } from "./detail";

export { MEMBER_ACTIONS, type MemberActionKind } from "./action-schema";

export interface MemberActionInput {
  memberId: number;
  reason: string;
}

/** `done: false` means there was nothing to do (already unlocked, already sent a minute ago …). */
export type MemberActionResult = { ok: true; done: boolean } | { ok: false; reason: "not_found" };

/** One mail of the user ID per member and minute, whoever clicks. */
export const NOTIFY_GUARD = { limit: 1, windowMs: MINUTE };

const AUDIT_EVENTS: Record<MemberActionKind, AuditEventName> = {
  unlock: "admin.member_unlocked",
  logout: "admin.member_logged_out",
  disable: "admin.member_disabled",
  enable: "admin.member_enabled",
  notify_user_id: "admin.member_user_id_sent",
};

async function findInScope(db: DbOrTx, scope: AdminScope, memberId: number) {
  const [member] = await db
    .select()
    .from(members)
    // A closed account (next-year reset) takes no action: 利用再開 must not revive it.
    .where(and(eq(members.id, memberId), inScope(scope, members.unionId), isNull(members.closedAt)))
    .for("update");
  return member ?? null;
}

type Member = NonNullable<Awaited<ReturnType<typeof findInScope>>>;

/** The change itself, under the member's row lock; returns whether anything changed (and details). */
async function apply(tx: DbOrTx, clock: Clock, kind: Exclude<MemberActionKind, "notify_user_id">, member: Member): Promise<Record<string, unknown> | null> {
  const now = clock.now();
  // The row was found in scope and is locked; the guards make a repeated click change nothing.
  const guarded = eq(members.id, member.id);
  switch (kind) {
    case "unlock": {
      const rows = await tx.update(members).set({ failedLogins: 0, lockedUntil: null }).where(and(guarded, gt(members.lockedUntil, now))).returning({ id: members.id });
      return rows.length ? { wasLockedUntil: member.lockedUntil?.toISOString() } : null;
    }
    case "logout": {
      const ended = await endMemberSessions(tx, clock, member.id, "admin");
      return ended ? { sessions: ended } : null;
    }
    case "disable": {
      const rows = await tx.update(members).set({ disabledAt: now }).where(and(guarded, isNull(members.disabledAt))).returning({ id: members.id });
      if (!rows.length) return null;
      return { sessions: await endMemberSessions(tx, clock, member.id, "admin") };
    }
    case "enable": {
      const rows = await tx.update(members).set({ disabledAt: null }).where(and(guarded, isNotNull(members.disabledAt))).returning({ id: members.id });
      return rows.length ? {} : null;
    }
  }
}

export async function runMemberAction(
  db: Db,
  clock: Clock,
  scope: AdminScope,
  kind: MemberActionKind,
  input: MemberActionInput,
  client: { ip: string },
): Promise<MemberActionResult> {
  const base = (member: Member, details: Record<string, unknown>) => ({
    event: AUDIT_EVENTS[kind],
    actorType: "admin" as const,
    actorId: scope.admin.id,
    unionId: member.unionId,
    target: memberTarget(member.id),
    ip: client.ip,
    details: { reason: input.reason, ...details },
  });

  if (kind === "notify_user_id") {
    const member = await findInScope(db, scope, input.memberId);
    if (!member) return { ok: false, reason: "not_found" };
    if (!(await take(db, clock, `admin:notify-user-id:${member.id}`, NOTIFY_GUARD)).allowed) return { ok: true, done: false };
    await audit(db, clock, base(member, { to: member.email }));
    await sendEmail(db, { template: "forgot-user-id", props: { userId: member.userId, loginUrl: loginUrl() }, to: member.email, unionId: member.unionId }, { clock });
    return { ok: true, done: true };
  }

  return db.transaction(async (tx) => {
    const member = await findInScope(tx, scope, input.memberId);
    if (!member) return { ok: false, reason: "not_found" } as const;
    const details = await apply(tx, clock, kind, member);
    if (!details) return { ok: true, done: false } as const;
    await audit(tx, clock, base(member, details));
    return { ok: true, done: true } as const;
  });
}
