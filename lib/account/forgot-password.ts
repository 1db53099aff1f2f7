// Forgot password: ユーザーID + registered メールアドレス → a 認証番号 to that address → a new
// password. Step 1 answers the same whether or not the pair exists, and its mail is delivered
// after the response (see the action), so neither the words nor the time tell.
import crypto from "node:crypto";
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import { COMMON_PASSWORD_MESSAGE } from "../auth/password-policy";
import { isCommonPassword } from "../auth/common-passwords";
import type { Clock } from "../clock";
import { issueCode } from "../codes/issue-code";
import { codeMessage } from "../codes/messages";
import { CODE_POLICY } from "../codes/policy";
import { verifyCode } from "../codes/verify-code";
import { takeMailSlots } from "../email/mail-limits";
import { enqueueDecoy, enqueueEmailOrSkip } from "../email/outbox";
import { loginUrl } from "../email/links";
import { isReusedPassword, REUSED_PASSWORD_MESSAGE, setPassword } from "./password-history";
import { findActiveMember, memberSubject } from "./find-member";

export type Client = { ip: string };

/**
 * An unknown (user ID, email) pair gets a decoy code of its own, issued exactly like a real one and
 * rendered but never sent: the same work, the same rate limits, and later the same answers on the
 * reset page (wrong, expired, used up) as a real account's code.
 */
function subjectFor(member: { id: number } | undefined, input: { userId: string; email: string }): string {
  if (member) return memberSubject(member.id);
  const digest = crypto.createHash("sha256").update(`${input.userId.toLowerCase()}\0${input.email.toLowerCase()}`).digest("hex");
  return `unknown:${digest.slice(0, 32)}`;
}

export async function requestPasswordReset(db: Db, clock: Clock, input: { userId: string; email: string }, client: Client): Promise<{ throttled: boolean; outboxIds: number[] }> {
  // Per client and per typed address, before the lookup and never given back: known and unknown
  // addresses use up their allowance alike, so a refusal tells nothing about an account.
  if (!(await takeMailSlots(db, clock, { ip: client.ip, to: input.email })).ok) return { throttled: true, outboxIds: [] };
  const [member] = await findActiveMember(db, input);
  const issued = await issueCode(db, clock, { purpose: "password_reset", subject: subjectFor(member, input), email: member?.email ?? input.email });
  await audit(db, clock, member
    ? { event: "code.issued", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip, details: { purpose: "password_reset", issued: issued.ok } }
    : { event: "password_reset.unknown", actorType: "anonymous", ip: client.ip });
  // Per account: the code's own cooldown (60 s) and hourly cap (5) apply; when hit, nothing is sent.
  if (!issued.ok) return { throttled: false, outboxIds: [] };
  const props = { code: issued.code, expiresAt: issued.expiresAt };
  if (!member) {
    // What queueing a real mail costs, so time does not tell.
    await enqueueDecoy(db, clock, input.email, "password-reset-code", { ...props, union: DECOY_UNION });
    return { throttled: false, outboxIds: [] };
  }
  // The outbox's own per-address backstop sits above the request limit taken above, so only the
  // account's own notices can fill it; a refused mail is never announced as sent.
  const id = await enqueueEmailOrSkip(db, { template: "password-reset-code", props, to: member.email, unionId: member.unionId, codeId: issued.codeId }, { clock });
  return id == null ? { throttled: true, outboxIds: [] } : { throttled: false, outboxIds: [id] };
}

const DECOY_UNION = { name: "健康保険組合" };

export type ResetResult = { ok: true; outboxIds: number[] } | { ok: false; fieldErrors: Record<string, string> };

class Reused extends Error {}

export async function resetPassword(
  db: Db,
  clock: Clock,
  input: { userId: string; email: string; code: string; password: string },
  client: Client,
): Promise<ResetResult> {
  if (isCommonPassword(input.password)) return { ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } };
  const [member] = await findActiveMember(db, input);
  const subject = subjectFor(member, input);
  if (!member) {
    // The decoy code answers wrong / expired / used up exactly like a real one; it never unlocks anything.
    const verified = await db.transaction((tx) => verifyCode(tx, clock, { purpose: "password_reset", subject, code: input.code }));
    return { ok: false, fieldErrors: { code: codeMessage(verified.ok ? { ok: false, reason: "wrong", attemptsLeft: CODE_POLICY.maxAttempts - 1 } : verified) } };
  }
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
      const id = await enqueueEmailOrSkip(tx, { template: "password-changed-notice", props: { changedAt: clock.now(), loginUrl: loginUrl() }, to: member.email, unionId: member.unionId }, { clock });
      return { ok: true, outboxIds: id == null ? [] : [id] };
    });
  } catch (error) {
    if (error instanceof Reused) return { ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } };
    throw error;
  }
}
