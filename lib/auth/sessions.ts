// Server-side sessions: the JWT only carries a random session id; this table is the truth. One live
// session per account (a new login ends the older one), 30 minutes idle, 12 hours absolute.
import crypto from "node:crypto";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { members, sessions } from "@/db/schema";
import { audit } from "../audit";
import { HOUR, MINUTE, type Clock } from "../clock";

export const SESSION_POLICY = { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR, touchEveryMs: MINUTE } as const;

export type EndReason = "replaced" | "logout" | "idle" | "expired" | "password_changed" | "admin" | "inactive";

export async function createMemberSession(
  db: Db,
  clock: Clock,
  memberId: number,
  client: { ip?: string | null; userAgent?: string | null },
): Promise<{ sessionId: string; replaced: number }> {
  return db.transaction(async (tx) => {
    // Row lock on the member: two logins at once queue here, so only one session stays live.
    await tx.select({ id: members.id }).from(members).where(eq(members.id, memberId)).for("update");
    return openMemberSession(tx, clock, memberId, client);
  });
}

/** Ends the member's live sessions and opens a new one. The caller holds the member's row lock. */
export async function openMemberSession(
  tx: DbOrTx,
  clock: Clock,
  memberId: number,
  client: { ip?: string | null; userAgent?: string | null },
): Promise<{ sessionId: string; replaced: number }> {
  const sessionId = crypto.randomBytes(32).toString("base64url");
  const now = clock.now();
  const ended = await endMemberSessions(tx, clock, memberId, "replaced");
  if (ended > 0) await audit(tx, clock, { event: "session.ended", actorType: "member", actorId: memberId, ip: client.ip, details: { reason: "replaced", sessions: ended } });
  await tx.insert(sessions).values({
    id: sessionId,
    kind: "member",
    memberId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_POLICY.absoluteMs),
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { sessionId, replaced: ended };
}

export async function endMemberSessions(db: DbOrTx, clock: Clock, memberId: number, reason: EndReason, keep?: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: clock.now(), endReason: reason })
    .where(and(eq(sessions.memberId, memberId), isNull(sessions.endedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

export async function endSession(db: DbOrTx, clock: Clock, sessionId: string, reason: EndReason): Promise<void> {
  await db.update(sessions).set({ endedAt: clock.now(), endReason: reason }).where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

export type SessionCheck = { ok: true; memberId: number | null; adminId: number | null } | { ok: false; reason: EndReason | "missing" };

/** Validates a session id on a request and keeps it alive (writes at most once a minute). */
export async function checkSession(db: DbOrTx, clock: Clock, sessionId: string): Promise<SessionCheck> {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (!s) return { ok: false, reason: "missing" };
  if (s.endedAt) return { ok: false, reason: (s.endReason as EndReason) ?? "logout" };
  const now = clock.now().getTime();
  const lapsed: EndReason | null = now >= s.expiresAt.getTime() ? "expired" : now - s.lastSeenAt.getTime() >= SESSION_POLICY.idleMs ? "idle" : null;
  if (lapsed) {
    await endSession(db, clock, s.id, lapsed);
    await audit(db, clock, { event: "session.ended", actorType: s.memberId ? "member" : "admin", actorId: s.memberId ?? s.adminId, details: { reason: lapsed } });
    return { ok: false, reason: lapsed };
  }
  if (now - s.lastSeenAt.getTime() >= SESSION_POLICY.touchEveryMs) {
    await db.update(sessions).set({ lastSeenAt: clock.now() }).where(eq(sessions.id, s.id));
  }
  return { ok: true, memberId: s.memberId, adminId: s.adminId };
}
