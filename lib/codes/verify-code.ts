// Checks a typed 認証番号 against the live code of a subject, under a row lock so two submits of
// the same code cannot both succeed. Pass the caller's transaction so "code used" and whatever the
// code unlocks (an account, a new password) commit together.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { oneTimeCodes } from "@/db/schema";
import type { Clock } from "../clock";
import { hashCode, sameHash } from "./code-hash";
import { CODE_POLICY, type CodePurpose } from "./policy";

export type VerifyResult =
  | { ok: true; codeId: number; email: string }
  | { ok: false; reason: "missing" | "expired" | "killed" }
  | { ok: false; reason: "wrong" | "superseded"; attemptsLeft: number };

export async function verifyCode(
  tx: Tx,
  clock: Clock,
  input: { purpose: CodePurpose; subject: string; code: string },
): Promise<VerifyResult> {
  const now = clock.now();
  const where = and(eq(oneTimeCodes.purpose, input.purpose), eq(oneTimeCodes.subject, input.subject));
  const [live] = await tx
    .select()
    .from(oneTimeCodes)
    .where(and(where, isNull(oneTimeCodes.closedAt)))
    .for("update");
  if (!live) {
    const [last] = await tx.select().from(oneTimeCodes).where(where).orderBy(desc(oneTimeCodes.issuedAt)).limit(1);
    return { ok: false, reason: last?.closedReason === "killed" ? "killed" : "missing" };
  }
  if (live.expiresAt <= now) return { ok: false, reason: "expired" };

  const typed = hashCode(input.purpose, input.subject, input.code);
  if (sameHash(typed, live.codeHash)) {
    await tx.update(oneTimeCodes).set({ closedAt: now, closedReason: "used" }).where(eq(oneTimeCodes.id, live.id));
    return { ok: true, codeId: live.id, email: live.email };
  }

  const attempts = live.attempts + 1;
  const killed = attempts >= CODE_POLICY.maxAttempts;
  await tx
    .update(oneTimeCodes)
    .set(killed ? { attempts, closedAt: now, closedReason: "killed" } : { attempts })
    .where(eq(oneTimeCodes.id, live.id));
  if (killed) return { ok: false, reason: "killed" };

  // An older code of this subject? Say so: members often type the code from an earlier mail.
  const older = await tx
    .select({ codeHash: oneTimeCodes.codeHash })
    .from(oneTimeCodes)
    .where(and(where, eq(oneTimeCodes.closedReason, "superseded")))
    .orderBy(desc(oneTimeCodes.issuedAt))
    .limit(5);
  const superseded = older.some((o) => sameHash(typed, o.codeHash));
  return { ok: false, reason: superseded ? "superseded" : "wrong", attemptsLeft: CODE_POLICY.maxAttempts - attempts };
}
