// Sign-up step 3: the 認証番号 is checked and the account created in one transaction, so a code is
// used exactly once and a person gets one account. Uniqueness of the user ID (across all unions,
// case-insensitive) and of the roster person is guaranteed by unique indexes, not by a prior read.
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { members, passwordHistory, rosterEntries, signupRequests } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { verifyCode, type VerifyResult } from "../codes/verify-code";
import { uniqueViolation } from "../errors";
import { signupSubject, type SignupRequest } from "./request";

export type CompleteResult =
  | { ok: true; memberId: number; userId: string }
  | { ok: false; reason: "code"; code: Exclude<VerifyResult, { ok: true }> }
  | { ok: false; reason: "user_id_taken" | "already_registered" | "roster_inactive" };

class Abort extends Error {
  constructor(readonly result: CompleteResult) {
    super(result.ok ? "ok" : result.reason);
  }
}

export async function completeSignup(db: Db, clock: Clock, request: SignupRequest, code: string, client: { ip: string }): Promise<CompleteResult> {
  if (!request.userId || !request.email || !request.passwordHash) throw new Error("sign-up request is not ready for a code");
  const { userId, passwordHash } = request;
  const subject = signupSubject(request);
  try {
    const result = await db.transaction(async (tx): Promise<CompleteResult> => {
      const verified = await verifyCode(tx, clock, { purpose: "signup", subject, code });
      // A wrong code commits (the attempt counts); nothing else is written.
      if (!verified.ok) return { ok: false, reason: "code", code: verified };

      const [entry] = await tx
        .select({ active: rosterEntries.active })
        .from(rosterEntries)
        .where(and(eq(rosterEntries.id, request.rosterEntryId), eq(rosterEntries.isInsured, true)));
      if (!entry?.active) throw new Abort({ ok: false, reason: "roster_inactive" });

      const now = clock.now();
      // The address the code was actually sent to: the only one this member has proven.
      const email = verified.email;
      const [member] = await tx
        .insert(members)
        .values({ unionId: request.unionId, rosterEntryId: request.rosterEntryId, userId, email, passwordHash, passwordChangedAt: now, createdAt: now })
        .returning({ id: members.id });
      await tx.insert(passwordHistory).values({ memberId: member.id, passwordHash, createdAt: now });
      await tx.update(signupRequests).set({ completedAt: now }).where(eq(signupRequests.id, request.id));
      await audit(tx, clock, { event: "code.used", actorType: "member", actorId: member.id, unionId: request.unionId, ip: client.ip, target: subject });
      await audit(tx, clock, { event: "member.created", actorType: "member", actorId: member.id, unionId: request.unionId, ip: client.ip, target: `roster:${request.rosterEntryId}` });
      return { ok: true, memberId: member.id, userId };
    });
    if (!result.ok && result.reason === "code") {
      const event = result.code.reason === "killed" ? "code.killed" : "code.rejected";
      await audit(db, clock, { event, actorType: "anonymous", unionId: request.unionId, ip: client.ip, target: subject, details: { reason: result.code.reason } });
    }
    return result;
  } catch (error) {
    if (error instanceof Abort) return error.result;
    const constraint = uniqueViolation(error);
    if (constraint === "members_user_id_uq") return { ok: false, reason: "user_id_taken" };
    if (constraint === "members_roster_entry_uq") return { ok: false, reason: "already_registered" };
    throw error;
  }
}
