// Issues a new 認証番号: closes the previous live code of the same subject ("only the newest is
// valid") and inserts the new one, in one transaction. Resends are rate-limited per subject.
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { oneTimeCodes } from "@/db/schema";
import type { Clock } from "../clock";
import { hashCode, newCode } from "./code-hash";
import { CODE_POLICY, type CodePurpose } from "./policy";

export type IssueResult =
  | { ok: true; code: string; codeId: number; expiresAt: Date }
  | { ok: false; reason: "cooldown" | "hourly_cap"; retryAt: Date };

export async function issueCode(
  db: Db,
  clock: Clock,
  input: { purpose: CodePurpose; subject: string; email: string },
): Promise<IssueResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    // Serialise issuers of one subject: a transaction-scoped advisory lock on its key.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${input.purpose}:${input.subject}`}))`);
    const recent = await tx
      .select({ issuedAt: oneTimeCodes.issuedAt })
      .from(oneTimeCodes)
      .where(
        and(
          eq(oneTimeCodes.purpose, input.purpose),
          eq(oneTimeCodes.subject, input.subject),
          gt(oneTimeCodes.issuedAt, new Date(now.getTime() - CODE_POLICY.hourMs)),
        ),
      )
      .orderBy(desc(oneTimeCodes.issuedAt));
    if (recent.length > 0) {
      const cooldownEnds = new Date(recent[0].issuedAt.getTime() + CODE_POLICY.cooldownMs);
      if (cooldownEnds > now) return { ok: false, reason: "cooldown", retryAt: cooldownEnds };
    }
    if (recent.length >= CODE_POLICY.perHour) {
      const oldest = recent[CODE_POLICY.perHour - 1].issuedAt;
      return { ok: false, reason: "hourly_cap", retryAt: new Date(oldest.getTime() + CODE_POLICY.hourMs) };
    }
    await tx
      .update(oneTimeCodes)
      .set({ closedAt: now, closedReason: "superseded" })
      .where(and(eq(oneTimeCodes.purpose, input.purpose), eq(oneTimeCodes.subject, input.subject), isNull(oneTimeCodes.closedAt)));
    const code = newCode();
    const expiresAt = new Date(now.getTime() + CODE_POLICY.ttlMs);
    const [row] = await tx
      .insert(oneTimeCodes)
      .values({
        purpose: input.purpose,
        subject: input.subject,
        email: input.email,
        codeHash: hashCode(input.purpose, input.subject, code),
        issuedAt: now,
        expiresAt,
      })
      .returning({ id: oneTimeCodes.id });
    return { ok: true, code, codeId: row.id, expiresAt };
  });
}
