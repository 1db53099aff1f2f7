// Reads the built-in mailbox (dev_mailbox), newest first. Only meaningful without RESEND_API_KEY.
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { devMailbox } from "@/db/schema";

export interface MailboxMessage {
  id: number;
  outboxId: number;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  createdAt: Date;
}

export async function listMailbox(db: DbOrTx, opts: { to?: string | null; limit?: number } = {}): Promise<MailboxMessage[]> {
  const to = opts.to?.trim();
  return db
    .select({
      id: devMailbox.id,
      outboxId: devMailbox.outboxId,
      to: devMailbox.toAddress,
      from: devMailbox.fromAddress,
      subject: devMailbox.subject,
      text: devMailbox.text,
      html: devMailbox.html,
      createdAt: devMailbox.createdAt,
    })
    .from(devMailbox)
    // lower(to_address) matches the dev_mailbox_to_idx index; addresses are compared case-blind.
    .where(to ? eq(sql`lower(${devMailbox.toAddress})`, to.toLowerCase()) : undefined)
    .orderBy(desc(devMailbox.createdAt), desc(devMailbox.id))
    .limit(Math.min(Math.max(opts.limit ?? 50, 1), 500));
}

/** The stable JSON shape of GET /dev/mailbox.json (SPEC: Mailbox); tests read codes from it. */
export function toMailboxJson(m: MailboxMessage) {
  return { to: m.to, subject: m.subject, text: m.text, createdAt: m.createdAt.toISOString() };
}
