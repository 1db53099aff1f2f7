// Forgot password: ユーザーID + registered メールアドレス → a 認証番号 to that address → a new
// password. Step 1 answers the same whether or not the pair exists, and its mail is delivered
// after the response (see the action), so neither the words nor the time tell.
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import { COMMON_PASSWORD_MESSAGE } from "../auth/password-policy";
import { isCommonPassword } from "../auth/common-passwords";
import { hit, LIMITS, take } from "../auth/throttle";
import type { Clock } from "../clock";
import { issueCode } from "../codes/issue-code";
import { codeMessage } from "../codes/messages";
import { CODE_POLICY } from "../codes/policy";
import { verifyCode } from "../codes/verify-code";
import { enqueueEmail } from "../email/outbox";
import { isReusedPassword, REUSED_PASSWORD_MESSAGE, setPassword } from "./password-history";
import { findActiveMember, memberSubject } from "./find-member";

export type Client = { ip: string };

export async function requestPasswordReset(db: Db, clock: Clock, input: { userId: string; email: string }, client: Client): Promise<{ throttled: boolean; outboxIds: number[] }> {
  const ipKey = `mail:ip:${client.ip}`;
  if (!(await take(db, clock, ipKey, LIMITS.mailPerClient)).allowed) return { throttled: true, outboxIds: [] };
  const [member] = await findActiveMember(db, input);
  if (!member) {
    await audit(db, clock, { event: "password_reset.unknown", actorType: "anonymous", ip: client.ip });
    return { throttled: false, outboxIds: [] };
  }
  // Per account: the code's own cooldown (60 s) and hourly cap (5) apply; when hit, nothing is sent.
  const issued = await issueCode(db, clock, { purpose: "password_reset", subject: memberSubject(member.id), email: member.email });
  if (!issued.ok) return { throttled: false, outboxIds: [] };
  const base = { actorType: "member" as const, actorId: member.id, unionId: member.unionId, ip: client.ip };
  await audit(db, clock, { ...base, event: "code.issued", details: { purpose: "password_reset" } });
  const { id } = await enqueueEmail(db, { template: "password-reset-code", props: { code: issued.code, expiresAt: issued.expiresAt }, to: member.email, unionId: member.unionId }, { clock });
  return { throttled: false, outboxIds: [id] };
}

export type ResetResult = { ok: true; outboxIds: number[] } | { ok: false; fieldErrors: Record<string, string> };

class Reused extends Error {}

/** No such account: answer exactly as a live code would to wrong entries (counting down, then killed). */
async function imitateWrongCode(db: Db, clock: Clock, input: { userId: string; email: string }): Promise<string> {
  const key = `reset-unknown:${input.userId.toLowerCase()}:${input.email.toLowerCase()}`;
  const count = await hit(db, clock, key, { limit: CODE_POLICY.maxAttempts, windowMs: CODE_POLICY.ttlMs });
  if (count >= CODE_POLICY.maxAttempts) return codeMessage({ ok: false, reason: "killed" });
  return codeMessage({ ok: false, reason: "wrong", attemptsLeft: CODE_POLICY.maxAttempts - count });
}

export async function resetPassword(
  db: Db,
  clock: Clock,
  input: { userId: string; email: string; code: string; password: string },
  client: Client,
): Promise<ResetResult> {
  if (isCommonPassword(input.password)) return { ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } };
  const [member] = await findActiveMember(db, input);
  if (!member) return { ok: false, fieldErrors: { code: await imitateWrongCode(db, clock, input) } };
  const subject = memberSubject(member.id);
  const base = { actorType: "member" as const, actorId: member.id, unionId: member.unionId, ip: client.ip };
  try {
    return await db.transaction(async (tx): Promise<ResetResult> => {
      const verified = await verifyCode(tx, clock, { purpose: "password_reset", subject, code: input.code });
      if (!verified.ok) {
        await audit(tx, clock, { ...base, event: verified.reason === "killed" ? "code.killed" : "code.rejected", details: { purpose: "password_reset" } });
        return { ok: false, fieldErrors: { code: codeMessage(verified) } };
      }
      // Checked only after a right code, so the history cannot be probed; a reused password rolls
      // back, leaving the code valid for another try.
      if (await isReusedPassword(tx, member.id, input.password)) throw new Reused();
      await setPassword(tx, clock, member.id, input.password);
      await audit(tx, clock, { ...base, event: "password.reset", details: { sessionsEnded: true, lockCleared: true } });
      const { id } = await enqueueEmail(tx, { template: "password-changed-notice", props: { changedAt: clock.now() }, to: member.email, unionId: member.unionId }, { clock });
      return { ok: true, outboxIds: [id] };
    });
  } catch (error) {
    if (error instanceof Reused) return { ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } };
    throw error;
  }
}
