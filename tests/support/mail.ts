// Reading mail in integration tests: deliver what is queued to the built-in mailbox (as the app
// does after a response), then look at one address's mail with the template each came from.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { emailOutbox } from "@/db/schema";
import type { Clock } from "@/lib/clock";
import { deliverDue } from "@/lib/email/deliver";
import { listMailbox } from "@/lib/email/mailbox";
import { mailboxTransport } from "@/lib/email/transport";

export function mailHelpers(db: () => Db) {
  const deliverAll = async (clock: Clock) => {
    for (;;) {
      const summary = await deliverDue(db(), { transport: mailboxTransport(db(), { clock }), clock, limit: 50 });
      if (summary.claimed === 0) return;
    }
  };
  /** The mailbox of `to`, newest first, each with the template it was made from. */
  const mailsTo = async (clock: Clock, to: string) => {
    await deliverAll(clock);
    const mails = await listMailbox(db(), { to });
    if (mails.length === 0) return [];
    const rows = await db().select({ id: emailOutbox.id, template: emailOutbox.template }).from(emailOutbox).where(inArray(emailOutbox.id, mails.map((m) => m.outboxId)));
    const template = new Map(rows.map((r) => [r.id, r.template]));
    return mails.map((m) => ({ ...m, template: template.get(m.outboxId) }));
  };
  /** Queued (delivered or not) mail for an address. */
  const outboxTo = (to: string) => db().select().from(emailOutbox).where(eq(sql`lower(${emailOutbox.toAddress})`, to.toLowerCase()));
  return { deliverAll, mailsTo, outboxTo };
}

/** The 6-digit code standing on its own line of a mail's text part. */
export function codeFromMail(text: string): string {
  const match = /^\s*(\d{6})\s*$/m.exec(text);
  if (!match) throw new Error(`no code in mail:\n${text}`);
  return match[1];
}
