// The operator's management of administrators: create a union admin (the otpauth URI is returned
// once, to be shown once), reset an admin's TOTP (a new secret; their sessions end), disable (their
// sessions end). Secrets are stored encrypted (totp-secret.ts). Only an operator gets anywhere.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { admins, unions } from "@/db/schema";
import { audit } from "../audit";
import { hashPassword } from "../auth/hash";
import type { Clock } from "../clock";
import { uniqueViolation } from "../errors";
import type { AdminScope } from "./scope";
import { isOperator } from "./scope-params";
import { endAdminSessions } from "./sessions";
import { newTotpSecret, totpUri } from "./totp";
import { encryptTotpSecret } from "./totp-secret";

export async function listAdmins(db: Db, scope: AdminScope) {
  if (!isOperator(scope)) return [];
  return db
    .select({ id: admins.id, loginId: admins.loginId, email: admins.email, role: admins.role, unionId: admins.unionId, unionName: unions.name, disabledAt: admins.disabledAt, lockedUntil: admins.lockedUntil, createdAt: admins.createdAt })
    .from(admins)
    .leftJoin(unions, eq(unions.id, admins.unionId))
    .orderBy(asc(admins.loginId));
}

export type CreateAdminResult = { ok: true; id: number; otpauthUri: string } | { ok: false; reason: "forbidden" | "union_not_found" | "login_id_taken" };

export async function createUnionAdmin(
  db: Db,
  clock: Clock,
  scope: AdminScope,
  input: { loginId: string; email: string; password: string; unionId: number },
  ctx: { authSecret: string; ip?: string | null },
): Promise<CreateAdminResult> {
  if (!isOperator(scope)) return { ok: false, reason: "forbidden" };
  if (!scope.unionIds.includes(input.unionId)) return { ok: false, reason: "union_not_found" };
  const secret = newTotpSecret();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [union] = await tx.select({ id: unions.id }).from(unions).where(eq(unions.id, input.unionId));
      if (!union) return { ok: false as const, reason: "union_not_found" as const };
      const [created] = await tx
        .insert(admins)
        .values({ loginId: input.loginId, email: input.email, passwordHash, totpSecret: encryptTotpSecret(secret, ctx.authSecret), role: "union_admin", unionId: input.unionId, createdAt: clock.now() })
        .returning({ id: admins.id });
      await audit(tx, clock, { event: "admin.admin_created", actorType: "admin", actorId: scope.admin.id, unionId: input.unionId, target: `admin:${created.id}`, ip: ctx.ip, details: { after: { loginId: input.loginId, email: input.email, role: "union_admin" } } });
      return { ok: true as const, id: created.id, otpauthUri: totpUri(input.loginId, secret) };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return { ok: false, reason: "login_id_taken" };
    throw error;
  }
}

export type AdminChangeResult = { ok: true; otpauthUri?: string } | { ok: false; reason: "not_found" | "self" };

async function targetAdmin(db: Db, scope: AdminScope, id: number) {
  if (!isOperator(scope) || !Number.isSafeInteger(id)) return null;
  const [row] = await db.select().from(admins).where(eq(admins.id, id));
  // Another operator is outside the union list; union admins must belong to a union in scope.
  if (!row || (row.unionId !== null && !scope.unionIds.includes(row.unionId))) return null;
  return row;
}

/** A new TOTP secret: the old authenticator entry stops working and the admin's sessions end. */
export async function resetAdminTotp(db: Db, clock: Clock, scope: AdminScope, id: number, ctx: { authSecret: string; ip?: string | null }): Promise<AdminChangeResult> {
  const target = await targetAdmin(db, scope, id);
  if (!target) return { ok: false, reason: "not_found" };
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx.update(admins).set({ totpSecret: encryptTotpSecret(secret, ctx.authSecret), totpLastStep: null }).where(eq(admins.id, id));
    await endAdminSessions(tx, clock, id, "totp_reset");
    await audit(tx, clock, { event: "admin.totp_reset", actorType: "admin", actorId: scope.admin.id, unionId: target.unionId, target: `admin:${id}`, ip: ctx.ip });
  });
  return { ok: true, otpauthUri: totpUri(target.loginId, secret) };
}

/** 利用停止: idempotent (a second click changes nothing and records nothing). */
export async function disableAdmin(db: Db, clock: Clock, scope: AdminScope, id: number, ctx: { ip?: string | null }): Promise<AdminChangeResult> {
  const target = await targetAdmin(db, scope, id);
  if (!target) return { ok: false, reason: "not_found" };
  if (target.id === scope.admin.id) return { ok: false, reason: "self" };
  await db.transaction(async (tx) => {
    const done = await tx.update(admins).set({ disabledAt: clock.now() }).where(and(eq(admins.id, id), isNull(admins.disabledAt))).returning({ id: admins.id });
    if (done.length === 0) return;
    await endAdminSessions(tx, clock, id, "disabled");
    await audit(tx, clock, { event: "admin.admin_disabled", actorType: "admin", actorId: scope.admin.id, unionId: target.unionId, target: `admin:${id}`, ip: ctx.ip });
  });
  return { ok: true };
}

export const loginIdTaken = (db: Db, loginId: string) =>
  db.select({ id: admins.id }).from(admins).where(eq(sql`lower(${admins.loginId})`, loginId.toLowerCase())).then((r) => r.length > 0);
