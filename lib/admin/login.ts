// Administrator login: 管理者ID + パスワード + 確認コード (TOTP). The member rules apply: 10
// consecutive failures lock the account for an hour, the per-client throttle is the members' one,
// and a failure never says which of the three was wrong. A locked account says until when without
// checking anything else. A code's time step is claimed in the same transaction that opens the
// session, so a replayed (or raced) code fails like a wrong one.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { admins, loginAttempts } from "@/db/schema";
import { audit } from "../audit";
import { verifyDummy, verifyPassword } from "../auth/hash";
import { recordLoginFailure, recordLoginSuccess } from "../auth/lockout";
import { giveBack, LIMITS, take } from "../auth/throttle";
import type { Clock } from "../clock";
import { openAdminSession } from "./sessions";
import { consumeTotpStep, matchTotp } from "./totp";
import { decryptTotpSecret } from "./totp-secret";

export interface AdminClient {
  ip: string;
  userAgent?: string | null;
}

export type AdminLoginResult =
  | { ok: true; adminId: number; token: string; sessionId: string }
  | { ok: false; reason: "invalid" | "throttled" | "disabled" }
  | { ok: false; reason: "locked"; until: Date };

export interface AdminLoginInput {
  loginId: string;
  password: string;
  code: string;
}

export async function adminLogin(db: Db, clock: Clock, authSecret: string, input: AdminLoginInput, client: AdminClient): Promise<AdminLoginResult> {
  // The same per-client allowance as the member login: one address, one budget of failures.
  const ipKey = `login:ip:${client.ip}`;
  const typed = input.loginId.slice(0, 100);
  const attempt = (adminId: number | null, result: string) =>
    db.insert(loginAttempts).values({ adminId, typedUserId: typed, ok: result === "ok", result, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null, createdAt: clock.now() });

  const slot = await take(db, clock, ipKey, LIMITS.loginPerClient);
  if (!slot.allowed) {
    await attempt(null, "throttled");
    return { ok: false, reason: "throttled" };
  }
  const notAFailure = () => giveBack(db, ipKey, slot);

  const [admin] = await db.select().from(admins).where(eq(sql`lower(${admins.loginId})`, typed.toLowerCase()));
  if (!admin) {
    await verifyDummy(input.password);
    await attempt(null, "unknown_user");
    await audit(db, clock, { event: "admin.login_failed", actorType: "anonymous", ip: client.ip, details: { reason: "unknown_admin" } });
    return { ok: false, reason: "invalid" };
  }
  const base = { actorType: "admin" as const, actorId: admin.id, unionId: admin.unionId, ip: client.ip };
  const lockedNow = async (): Promise<AdminLoginResult> => {
    const [row] = await db.select({ lockedUntil: admins.lockedUntil }).from(admins).where(eq(admins.id, admin.id));
    await attempt(admin.id, "locked");
    return { ok: false, reason: "locked", until: row?.lockedUntil ?? clock.now() };
  };

  if (admin.lockedUntil && admin.lockedUntil > clock.now()) {
    await notAFailure();
    await attempt(admin.id, "locked");
    return { ok: false, reason: "locked", until: admin.lockedUntil };
  }

  const passwordOk = await verifyPassword(admin.passwordHash, input.password);
  const step = await matchTotp(decryptTotpSecret(admin.totpSecret, authSecret), input.code, clock, admin.totpLastStep);
  const failed = async (reason: "bad_password" | "bad_code" | "used_code"): Promise<AdminLoginResult> => {
    const failure = await recordLoginFailure(db, clock, "admins", admin.id);
    if (!failure.counted) return lockedNow(); // locked by a parallel attempt meanwhile
    await attempt(admin.id, reason);
    await audit(db, clock, { ...base, event: "admin.login_failed", details: { reason, failures: failure.failures } });
    if (failure.lockedUntil) {
      await audit(db, clock, { ...base, event: "admin.locked", details: { until: failure.lockedUntil.toISOString() } });
      return { ok: false, reason: "locked", until: failure.lockedUntil };
    }
    return { ok: false, reason: "invalid" };
  };
  if (!passwordOk) return failed("bad_password");
  if (step == null) return failed("bad_code");

  if (admin.disabledAt) {
    await notAFailure();
    await attempt(admin.id, "disabled");
    await audit(db, clock, { ...base, event: "admin.login_refused", details: { reason: "disabled" } });
    return { ok: false, reason: "disabled" };
  }

  const outcome = await db.transaction(async (tx) => {
    // Row lock on the admin: logins at once queue here, then each claims the step or fails.
    await tx.select({ id: admins.id }).from(admins).where(eq(admins.id, admin.id)).for("update");
    if (!(await consumeTotpStep(tx, admin.id, step))) return "used_code" as const;
    if (!(await recordLoginSuccess(tx, clock, "admins", admin.id))) return "locked" as const;
    return openAdminSession(tx, clock, admin, client);
  });
  if (outcome === "used_code") return failed("used_code");
  if (outcome === "locked") return lockedNow();
  await notAFailure();
  await attempt(admin.id, "ok");
  await audit(db, clock, { ...base, event: "admin.login_succeeded" });
  return { ok: true, adminId: admin.id, ...outcome };
}
