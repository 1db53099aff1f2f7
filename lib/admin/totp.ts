// 確認コード: RFC 6238 TOTP (6 digits, 30 s, SHA-1, as every authenticator app does), accepted one
// step either side of "now" for clock drift. A step once accepted is never accepted again: the
// admin's last step is advanced by one guarded UPDATE, so of two logins racing with the same code
// exactly one gets a row back.
import { sql } from "drizzle-orm";
import { generate, generateSecret, generateURI, verify } from "otplib";
import type { DbOrTx } from "@/db/connect";
import { rowsOf } from "@/db/connect";
import type { Clock } from "../clock";

export const TOTP_POLICY = { digits: 6, periodSeconds: 30, toleranceSteps: 1 } as const;

export const newTotpSecret = () => generateSecret();

export function totpUri(loginId: string, secret: string, issuer = "被扶養者資格調査"): string {
  return generateURI({ issuer, label: loginId, secret, digits: TOTP_POLICY.digits, period: TOTP_POLICY.periodSeconds });
}

/** The code for `at` (tests and the demo compute codes with this). */
export function totpCode(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_POLICY.periodSeconds, digits: TOTP_POLICY.digits });
}

export function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_POLICY.periodSeconds);
}

/** The time step `code` belongs to within ±1 step of now and after `lastStep`, or null. */
export async function matchTotp(secret: string, code: string, clock: Clock, lastStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(clock.now().getTime() / 1000),
    period: TOTP_POLICY.periodSeconds,
    digits: TOTP_POLICY.digits,
    epochTolerance: TOTP_POLICY.toleranceSteps * TOTP_POLICY.periodSeconds,
    ...(lastStep != null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Claims `step` for the admin; false when it (or a later step) was already used. */
export async function consumeTotpStep(db: DbOrTx, adminId: number, step: number): Promise<boolean> {
  const result = await db.execute(sql`
    update admins set totp_last_step = ${step}
     where id = ${adminId} and (totp_last_step is null or totp_last_step < ${step})
     returning id`);
  return rowsOf(result).length === 1;
}
