// 利用規約 consent: who consented to which version, when and from where. Idempotent per version.
import type { DbOrTx } from "@/db/connect";
import { termsConsents } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";

export async function recordConsent(
  db: DbOrTx,
  clock: Clock,
  input: { memberId: number; unionId: number; termsVersionId: number; version: number; ip: string; userAgent?: string | null },
): Promise<void> {
  await db
    .insert(termsConsents)
    .values({ memberId: input.memberId, termsVersionId: input.termsVersionId, consentedAt: clock.now(), ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null })
    .onConflictDoNothing();
  await audit(db, clock, { event: "terms.consented", actorType: "member", actorId: input.memberId, unionId: input.unionId, ip: input.ip, details: { version: input.version } });
}
