// Forgot user ID: the ID is mailed to the registered address only; the page reads the same whether
// or not the address is registered. One mail per account (family members may share an address).
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import { take } from "../auth/throttle";
import type { Clock } from "../clock";
import { takeMailSlots } from "../email/mail-limits";
import { enqueueDecoy, enqueueEmailOrSkip } from "../email/outbox";
import { loginUrl } from "../email/links";
import { findActiveMember } from "./find-member";

const PER_ACCOUNT = { limit: 3, windowMs: 60 * 60_000 };

export async function requestUserIdReminder(db: Db, clock: Clock, input: { email: string }, client: { ip: string }): Promise<{ throttled: boolean; outboxIds: number[] }> {
  // Per client and per typed address, before the lookup and never given back (see forgot-password.ts).
  if (!(await takeMailSlots(db, clock, { ip: client.ip, to: input.email })).ok) return { throttled: true, outboxIds: [] };
  const outboxIds: number[] = [];
  for (const member of await findActiveMember(db, input)) {
    const key = `forgot-id:member:${member.id}`;
    if (!(await take(db, clock, key, PER_ACCOUNT)).allowed) continue;
    const id = await enqueueEmailOrSkip(db, { template: "forgot-user-id", props: { userId: member.userId, loginUrl: loginUrl() }, to: member.email, unionId: member.unionId }, { clock });
    // Refused by the outbox backstop: never announced as sent (the queued ones still go).
    if (id == null) return { throttled: true, outboxIds };
    outboxIds.push(id);
    await audit(db, clock, { event: "user_id.reminded", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip });
  }
  if (outboxIds.length === 0) {
    // The same work as for a registered address (its counter, and queueing a mail), so time does
    // not tell.
    await take(db, clock, `forgot-id:unknown:${input.email.toLowerCase()}`, PER_ACCOUNT);
    await enqueueDecoy(db, clock, input.email, "forgot-user-id", { userId: "-", loginUrl: loginUrl(), union: { name: "健康保険組合" } });
    await audit(db, clock, { event: "user_id.reminder_unknown", actorType: "anonymous", ip: client.ip });
  }
  return { throttled: false, outboxIds };
}
