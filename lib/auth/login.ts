// Member login: every rule of SPEC §4 in one place. A failure never says whether the ID or the
// password was wrong, and an unknown ID costs one argon2 verify like a known one. A locked account
// is reported as locked (with until when) without checking the password.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db, type DbOrTx } from "@/db/connect";
import { loginAttempts, members, rosterEntries } from "@/db/schema";
import { audit, logAudit } from "../audit";
import type { Clock } from "../clock";
import { takeMailSlots } from "../email/mail-limits";
import { MailRefused } from "../email/outbox";
import { sendEmail } from "../email/send";
import { loginUrl } from "../email/links";
import { verifyDummy, verifyPassword } from "./hash";
import { recordLoginFailure, recordLoginSuccess } from "./lockout";
import { SESSION_POLICY } from "./sessions";
import { giveBack, LIMITS, take } from "./throttle";

export interface Client {
  ip: string;
  userAgent?: string | null;
}

export type LoginResult =
  | { ok: true; memberId: number; sessionId: string; replaced: number }
  | { ok: false; reason: "invalid" | "throttled" | "inactive" | "closed" }
  | { ok: false; reason: "locked"; until: Date };

export async function login(db: Db, clock: Clock, input: { userId: string; password: string }, client: Client): Promise<LoginResult> {
  const ipKey = `login:ip:${client.ip}`;
  const typed = input.userId.slice(0, 100);
  const attempt = (memberId: number | null, result: string) =>
    db.insert(loginAttempts).values({ memberId, typedUserId: typed, ok: result === "ok", result, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null, createdAt: clock.now() });

  // Every attempt takes a slot first; the ones that turn out not to be wrong passwords give it back.
  const slot = await take(db, clock, ipKey, LIMITS.loginPerClient);
  if (!slot.allowed) {
    await attempt(null, "throttled");
    return { ok: false, reason: "throttled" };
  }
  const notAFailure = () => giveBack(db, ipKey, slot);

  const [row] = await db
    .select({ member: members, rosterActive: rosterEntries.active })
    .from(members)
    .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
    .where(eq(sql`lower(${members.userId})`, typed.toLowerCase()))
    // An ID may belong to one open account and to closed ones (a yearly reset): the open one wins.
    .orderBy(sql`${members.closedAt} is not null`, sql`${members.id} desc`)
    .limit(1);

  if (!row) {
    await verifyDummy(input.password);
    await attempt(null, "unknown_user");
    await audit(db, clock, { event: "login.failed", actorType: "anonymous", ip: client.ip, details: { reason: "unknown_user" } });
    return { ok: false, reason: "invalid" };
  }
  const { member } = row;
  const base = { actorType: "member" as const, actorId: member.id, unionId: member.unionId, ip: client.ip };

  if (member.lockedUntil && member.lockedUntil > clock.now()) {
    await notAFailure();
    await attempt(member.id, "locked");
    return { ok: false, reason: "locked", until: member.lockedUntil };
  }

  if (!(await verifyPassword(member.passwordHash, input.password))) {
    const failure = await recordLoginFailure(db, clock, "members", member.id);
    if (!failure.counted) {
      // Locked by a parallel attempt while this one was verifying.
      const [now] = await db.select({ lockedUntil: members.lockedUntil }).from(members).where(eq(members.id, member.id));
      await attempt(member.id, "locked");
      return { ok: false, reason: "locked", until: now?.lockedUntil ?? clock.now() };
    }
    await attempt(member.id, "bad_password");
    await audit(db, clock, { ...base, event: "login.failed", details: { reason: "bad_password", failures: failure.failures } });
    if (failure.lockedUntil) {
      await audit(db, clock, { ...base, event: "member.locked", details: { until: failure.lockedUntil.toISOString() } });
      await mailLockNotice(db, clock, member, { lockedUntil: failure.lockedUntil, failures: failure.failures }, client);
      return { ok: false, reason: "locked", until: failure.lockedUntil };
    }
    return { ok: false, reason: "invalid" };
  }

  if (member.closedAt) {
    await notAFailure();
    await attempt(member.id, "closed");
    await audit(db, clock, { ...base, event: "login.refused", details: { reason: "closed" } });
    return { ok: false, reason: "closed" };
  }
  if (member.disabledAt || !row.rosterActive) {
    await notAFailure();
    await attempt(member.id, "inactive");
    await audit(db, clock, { ...base, event: "login.refused", details: { reason: member.disabledAt ? "disabled" : "roster_inactive" } });
    return { ok: false, reason: "inactive" };
  }
  const session = await db.transaction(async (tx) => {
    // The success update resets the failure count only on an unlocked row, and row-locks the
    // member: a lock set by a parallel failure is seen here, and two logins at once queue for
    // the one live session (the next statement starts after the lock, so it sees the other's session).
    if (!(await recordLoginSuccess(tx, clock, "members", member.id))) return null;
    return openLoginSession(tx, clock, { memberId: member.id, unionId: member.unionId, typedUserId: typed, client, throttle: { key: ipKey, windowStart: slot.windowStart } });
  });
  if (!session) {
    await notAFailure();
    const [now] = await db.select({ lockedUntil: members.lockedUntil }).from(members).where(eq(members.id, member.id));
    await attempt(member.id, "locked");
    return { ok: false, reason: "locked", until: now?.lockedUntil ?? clock.now() };
  }
  return { ok: true, memberId: member.id, ...session };
}

/**
 * A good login's writes in one round trip, inside the caller's transaction (which holds the
 * member's row lock): end the live sessions, open the new one, give the throttle slot back, and
 * record the attempt and the audit events (session.ended when sessions were replaced, then
 * login.succeeded) — what openMemberSession, giveBack, the attempt row and audit() did one
 * statement each. A login is most of the server's work per member, and each statement costs a
 * round trip of CPU on both ends.
 */
async function openLoginSession(
  tx: DbOrTx,
  clock: Clock,
  a: { memberId: number; unionId: number; typedUserId: string; client: Client; throttle: { key: string; windowStart: Date } },
): Promise<{ sessionId: string; replaced: number }> {
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const now = clock.now();
  const at = now.toISOString();
  const expires = new Date(now.getTime() + SESSION_POLICY.absoluteMs).toISOString();
  const ip = a.client.ip;
  const userAgent = a.client.userAgent?.slice(0, 300) ?? null;
  const result = await tx.execute(sql`
    with ended as (
      update sessions set ended_at = ${at}::timestamptz, end_reason = 'replaced'
       where member_id = ${a.memberId} and ended_at is null
       returning id
    ), opened as (
      insert into sessions (id, kind, member_id, created_at, last_seen_at, expires_at, ip, user_agent)
      values (${sessionId}, 'member', ${a.memberId}, ${at}::timestamptz, ${at}::timestamptz, ${expires}::timestamptz, ${ip}, ${userAgent})
    ), given_back as (
      update throttle_counters set count = count - 1
       where key = ${a.throttle.key} and window_start = ${a.throttle.windowStart.toISOString()}::timestamptz and count > 0
    ), attempt as (
      insert into login_attempts (member_id, typed_user_id, ok, result, ip, user_agent, created_at)
      values (${a.memberId}, ${a.typedUserId}, true, 'ok', ${ip}, ${userAgent}, ${at}::timestamptz)
    ), n as (
      select count(*)::int as replaced from ended
    ), audited as (
      insert into audit_log (at, event, actor_type, actor_id, union_id, ip, details)
      select ${at}::timestamptz, e.event, 'member', ${String(a.memberId)}, e.union_id, ${ip}, e.details
        from (
          select 1 as ord, 'session.ended' as event, null::int as union_id, jsonb_build_object('reason', 'replaced', 'sessions', n.replaced) as details from n where n.replaced > 0
          union all
          select 2, 'login.succeeded', ${a.unionId}::int, jsonb_build_object('replacedSessions', n.replaced) from n
        ) e
       order by e.ord
    )
    select replaced from n`);
  const replaced = Number(rowsOf<{ replaced: number }>(result)[0].replaced);
  if (replaced > 0) logAudit({ event: "session.ended", actorType: "member", actorId: a.memberId, ip, details: { reason: "replaced", sessions: replaced } });
  logAudit({ event: "login.succeeded", actorType: "member", actorId: a.memberId, unionId: a.unionId, ip, details: { replacedSessions: replaced } });
  return { sessionId, replaced };
}

/**
 * The account-locked notice is mail a visitor's request causes (anyone who knows a user ID can lock
 * it), so it is under the same per-client and per-recipient limits as the rest; a refused notice
 * is only audited. The lock itself stands either way.
 */
async function mailLockNotice(db: Db, clock: Clock, member: typeof members.$inferSelect, failure: { lockedUntil: Date; failures: number }, client: Client) {
  const base = { actorType: "member" as const, actorId: member.id, unionId: member.unionId, ip: client.ip };
  const slots = await takeMailSlots(db, clock, { ip: client.ip, to: member.email });
  if (!slots.ok) {
    await audit(db, clock, { ...base, event: "mail.throttled", details: { purpose: "account_locked", by: slots.by } });
    return;
  }
  try {
    await sendEmail(db, { template: "account-locked", props: { lockedUntil: failure.lockedUntil, failedAttempts: failure.failures, loginUrl: loginUrl() }, to: member.email, unionId: member.unionId }, { clock });
  } catch (error) {
    if (!(error instanceof MailRefused)) throw error;
    await audit(db, clock, { ...base, event: "mail.throttled", details: { purpose: "account_locked", by: "outbox" } });
  }
}
