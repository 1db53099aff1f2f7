// Change password while logged in: the current password is required (a wrong one counts toward the
// lockout, so a borrowed session cannot be used to guess it), the history rule applies, other
// devices are logged out, and a notice is mailed.
import type { Db } from "@/db/connect";
import type { members } from "@/db/schema";
import { audit } from "../audit";
import { isCommonPassword } from "../auth/common-passwords";
import { verifyPassword } from "../auth/hash";
import { recordLoginFailure } from "../auth/lockout";
import { COMMON_PASSWORD_MESSAGE } from "../auth/password-policy";
import type { Clock } from "../clock";
import { enqueueEmailOrSkip } from "../email/outbox";
import { loginUrl } from "../email/links";
import { lockedMessage } from "../errors";
import { isReusedPassword, REUSED_PASSWORD_MESSAGE, setPassword } from "./password-history";

type Member = typeof members.$inferSelect;

export type ChangeResult = { ok: true; outboxIds: number[] } | { ok: false; fieldErrors?: Record<string, string>; formError?: string };

export const WRONG_CURRENT_PASSWORD = "現在のパスワードが正しくありません。";

/** Checks the current password; a failure counts toward the lockout. */
export async function checkCurrentPassword(db: Db, clock: Clock, member: Member, password: string): Promise<Exclude<ChangeResult, { ok: true }> | null> {
  if (member.lockedUntil && member.lockedUntil > clock.now()) return { ok: false, formError: lockedMessage(member.lockedUntil) };
  if (await verifyPassword(member.passwordHash, password)) return null;
  const failure = await recordLoginFailure(db, clock, "members", member.id);
  if (failure.counted && failure.lockedUntil) return { ok: false, formError: lockedMessage(failure.lockedUntil) };
  return { ok: false, fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD } };
}

export async function changePassword(
  db: Db,
  clock: Clock,
  member: Member,
  sessionId: string,
  input: { currentPassword: string; password: string },
  client: { ip: string },
): Promise<ChangeResult> {
  const refused = await checkCurrentPassword(db, clock, member, input.currentPassword);
  if (refused) return refused;
  if (isCommonPassword(input.password)) return { ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } };
  if (await isReusedPassword(db, member.id, input.password)) return { ok: false, fieldErrors: { password: REUSED_PASSWORD_MESSAGE } };
  return db.transaction(async (tx) => {
    await setPassword(tx, clock, member.id, input.password, sessionId);
    await audit(tx, clock, { event: "password.changed", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip });
    const id = await enqueueEmailOrSkip(tx, { template: "password-changed-notice", props: { changedAt: clock.now(), loginUrl: loginUrl() }, to: member.email, unionId: member.unionId }, { clock });
    return { ok: true as const, outboxIds: id == null ? [] : [id] };
  });
}
