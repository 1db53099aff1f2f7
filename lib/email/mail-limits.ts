// The limits on mail a visitor's request makes the app send: per client address and per recipient
// address (case-insensitive). Both are counted before they are judged (lib/auth/throttle.ts), so a
// burst of parallel requests to one inbox queues at most the limit.
import type { DbOrTx } from "@/db/connect";
import { giveBack, LIMITS, take } from "../auth/throttle";
import type { Clock } from "../clock";

export type MailSlots =
  | {
      ok: true;
      /** Un-counts both slots: for a request that ended up sending nothing (e.g. a code cool-down). */
      release(): Promise<void>;
    }
  | { ok: false; retryAt: Date; by: "client" | "recipient" };

export const clientMailKey = (ip: string) => `mail:ip:${ip}`;
export const recipientMailKey = (address: string) => `mail:to:${address.trim().toLowerCase()}`;

/**
 * Takes one slot of each limit. A refusal by either leaves neither counted. Callers on pages that
 * must not tell whether an account exists pass the address as typed, before looking it up, and never
 * release on a path only a real account takes.
 */
export async function takeMailSlots(db: DbOrTx, clock: Clock, who: { ip: string; to: string }): Promise<MailSlots> {
  const clientKey = clientMailKey(who.ip);
  const client = await take(db, clock, clientKey, LIMITS.mailPerClient);
  if (!client.allowed) return { ok: false, retryAt: client.retryAt, by: "client" };
  const recipientKey = recipientMailKey(who.to);
  const recipient = await take(db, clock, recipientKey, LIMITS.mailPerRecipient);
  if (!recipient.allowed) {
    await giveBack(db, clientKey, client);
    return { ok: false, retryAt: recipient.retryAt, by: "recipient" };
  }
  return {
    ok: true,
    release: async () => {
      await giveBack(db, clientKey, client);
      await giveBack(db, recipientKey, recipient);
    },
  };
}
