// Queue an email and try to deliver it at once, so a member waiting for a 認証番号 gets it now.
// If that first try fails the row stays queued and the cron route / worker retries it; the page
// can still tell the member (「送信できませんでした。再送してください」).
import type { Db } from "@/db/connect";
import { systemClock, type Clock } from "@/lib/clock";
import { errorFields, log } from "@/lib/log";
import { deliverOne, type RowOutcome } from "./deliver";
import { enqueueEmail, type EmailInput } from "./outbox";
import { transportFromEnv, type EmailTransport } from "./transport";

export interface SendEmailResult {
  outboxId: number;
  /** True only when the provider (or the built-in mailbox) accepted the message just now. */
  delivered: boolean;
  /** `queued`: another sender holds the row right now; it is on its way or will be retried. */
  status: RowOutcome | "queued";
}

/**
 * Throws MailRefused (lib/email/outbox.ts) when the outbox's per-address backstop refuses the mail:
 * nothing is queued then, and the caller must say so rather than "sent".
 *
 * Not for use inside a transaction: the row must be committed before it is sent, or a rollback
 * would leave a sent email with no trace. Inside a transaction, call enqueueEmail instead and
 * deliverOne after the commit.
 */
export async function sendEmail(
  db: Db,
  input: EmailInput,
  opts: { clock?: Clock; transport?: EmailTransport } = {},
): Promise<SendEmailResult> {
  const clock = opts.clock ?? systemClock;
  const { id } = await enqueueEmail(db, input, { clock });
  try {
    const outcome = await deliverOne(db, id, { clock, transport: opts.transport ?? transportFromEnv(db) });
    return { outboxId: id, delivered: outcome === "sent", status: outcome ?? "queued" };
  } catch (error) {
    // The row is committed; a database hiccup while sending only delays it until the next sweep.
    log.error({ outboxId: id, ...errorFields(error) }, "email: immediate delivery failed");
    return { outboxId: id, delivered: false, status: "queued" };
  }
}
