// Sign-up step 2: keep the chosen user ID, password (hashed) and email on the request, then issue
// and mail a 認証番号. The account itself is created only when the code is confirmed (step 3).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { members, signupRequests } from "@/db/schema";
import { audit } from "../audit";
import { COMMON_PASSWORD_MESSAGE } from "../auth/password-policy";
import { isCommonPassword } from "../auth/common-passwords";
import { hashPassword } from "../auth/hash";
import type { Clock } from "../clock";
import { MESSAGES } from "../errors";
import type { AccountInput } from "./schemas";
import { issueSignupCode, mailSignupCode, type SendCodeResult } from "./send-code";
import { type SignupRequest } from "./request";

export type SaveAccountResult =
  | { ok: false; fieldErrors: Partial<Record<keyof AccountInput, string>> }
  | SendCodeResult;

export async function userIdTaken(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ id: members.id }).from(members).where(and(eq(sql`lower(${members.userId})`, userId.toLowerCase()), isNull(members.closedAt))).limit(1);
  return Boolean(row);
}

export async function saveAccount(db: Db, clock: Clock, request: SignupRequest, input: AccountInput, client: { ip: string }): Promise<SaveAccountResult> {
  if (await userIdTaken(db, input.userId)) return { ok: false, fieldErrors: { userId: MESSAGES.userIdTaken } };
  if (isCommonPassword(input.password)) return { ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } };

  // Issue the code first: when a resend is refused (mail limits, cool-down, hourly cap) nothing of
  // this submission is saved, so the request never names an address its live code was not sent to.
  // The mail limits are counted before the (slow) hash, so a refused burst costs little.
  const issued = await issueSignupCode(db, clock, request, input.email, client);
  if (!issued.ok) return issued;
  const passwordHash = await hashPassword(input.password);
  const [updated] = await db
    .update(signupRequests)
    .set({ userId: input.userId, email: input.email, passwordHash })
    .where(eq(signupRequests.id, request.id))
    .returning();
  await audit(db, clock, { event: "signup.account_saved", actorType: "anonymous", unionId: request.unionId, ip: client.ip, target: `signup:${request.id}` });
  return mailSignupCode(db, clock, updated, issued);
}
