// Administrator sessions: their own cookie and their own rows (sessions.kind = 'admin'). The cookie
// holds a random token; the row's id is the token's SHA-256, so the table alone cannot be replayed
// as a cookie. One live session per admin (a unique index), 30 minutes idle, 8 hours absolute,
// ended by logout or revoked (an operator disabling the admin, a TOTP reset).
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { admins, sessions } from "@/db/schema";
import { audit } from "../audit";
import { HOUR, MINUTE, type Clock } from "../clock";

export const ADMIN_SESSION_POLICY = { idleMs: 30 * MINUTE, absoluteMs: 8 * HOUR, touchEveryMs: MINUTE } as const;

export type AdminEndReason = "replaced" | "logout" | "idle" | "expired" | "revoked" | "disabled" | "totp_reset";

export function adminCookieName(production = process.env.NODE_ENV === "production"): string {
  return production ? "__Host-fuyo.admin" : "fuyo.admin";
}

export function adminCookieOptions(production = process.env.NODE_ENV === "production") {
  return { httpOnly: true, secure: production, sameSite: "lax" as const, path: "/", maxAge: ADMIN_SESSION_POLICY.absoluteMs / 1000 };
}

export function sessionIdOf(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

/** Ends the admin's live session (if any) and opens a new one. The caller holds the admin's row lock. */
export async function openAdminSession(
  tx: DbOrTx,
  clock: Clock,
  admin: { id: number; unionId: number | null },
  client: { ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; sessionId: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const sessionId = sessionIdOf(token);
  const now = clock.now();
  const ended = await endAdminSessions(tx, clock, admin.id, "replaced");
  if (ended > 0) await audit(tx, clock, { event: "admin.session_ended", actorType: "admin", actorId: admin.id, unionId: admin.unionId, ip: client.ip, details: { reason: "replaced" } });
  await tx.insert(sessions).values({
    id: sessionId,
    kind: "admin",
    adminId: admin.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + ADMIN_SESSION_POLICY.absoluteMs),
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId };
}

/** Revokes every live session of an admin; returns how many were ended. */
export async function endAdminSessions(db: DbOrTx, clock: Clock, adminId: number, reason: AdminEndReason): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: clock.now(), endReason: reason })
    .where(and(eq(sessions.kind, "admin"), eq(sessions.adminId, adminId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}

export async function endAdminSession(db: DbOrTx, clock: Clock, sessionId: string, reason: AdminEndReason): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: clock.now(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), eq(sessions.kind, "admin"), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length === 1;
}

export type AdminSessionCheck = { ok: true; adminId: number; sessionId: string } | { ok: false; reason: AdminEndReason | "missing" };

/** Validates the admin cookie's token and keeps the session alive (one write a minute at most). */
export async function checkAdminSession(db: DbOrTx, clock: Clock, token: string): Promise<AdminSessionCheck> {
  const id = sessionIdOf(token);
  const [row] = await db
    .select({ s: sessions, unionId: admins.unionId })
    .from(sessions)
    .innerJoin(admins, eq(admins.id, sessions.adminId))
    .where(and(eq(sessions.id, id), eq(sessions.kind, "admin")));
  if (!row || row.s.adminId == null) return { ok: false, reason: "missing" };
  const s = row.s;
  const adminId = s.adminId!;
  if (s.endedAt) return { ok: false, reason: (s.endReason as AdminEndReason) ?? "logout" };
  const now = clock.now().getTime();
  const lapsed: AdminEndReason | null =
    now >= s.expiresAt.getTime() ? "expired" : now - s.lastSeenAt.getTime() >= ADMIN_SESSION_POLICY.idleMs ? "idle" : null;
  if (lapsed) {
    if (await endAdminSession(db, clock, id, lapsed)) {
      await audit(db, clock, { event: "admin.session_ended", actorType: "admin", actorId: s.adminId, unionId: row.unionId, details: { reason: lapsed } });
    }
    return { ok: false, reason: lapsed };
  }
  if (now - s.lastSeenAt.getTime() >= ADMIN_SESSION_POLICY.touchEveryMs) {
    await db.update(sessions).set({ lastSeenAt: clock.now() }).where(eq(sessions.id, id));
  }
  return { ok: true, adminId, sessionId: id };
}
