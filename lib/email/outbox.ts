// Queues an email: renders it and writes one email_outbox row. Call it inside the caller's
// transaction, so the mail exists exactly when the change that caused it commits.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { emailOutbox, unions } from "@/db/schema";
import { LIMITS, take } from "@/lib/auth/throttle";
import { systemClock, type Clock } from "@/lib/clock";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { renderEmail } from "./render";
import type { TemplateName, TemplateProps, UnionContact } from "./templates";

/** When a unionId is given, the footer's contact details are read from the union's row. */
type PropsFor<T extends TemplateName> = Omit<TemplateProps<T>, "union"> & { union?: UnionContact };

export type EmailInput = {
  [T in TemplateName]: {
    template: T;
    props: PropsFor<T>;
    to: string;
    unionId?: number | null;
    /** Overrides the union's sender address and EMAIL_FROM. */
    from?: string;
    /**
     * The one_time_codes id of the code this mail carries: the outbox gives the mail up once that
     * code has expired or been replaced or used, rather than deliver a dead 認証番号.
     */
    codeId?: number;
  };
}[TemplateName];

/**
 * The outbox's per-address backstop refused the mail (LIMITS.outboxPerRecipient). Nothing was
 * queued: a caller must not tell the member that this mail was sent.
 */
export class MailRefused extends Error {
  constructor(readonly retryAt: Date) {
    super("email: too many mails to this address in the last hour");
    this.name = "MailRefused";
  }
}

export const outboxRecipientKey = (address: string) => `outbox:to:${address.trim().toLowerCase()}`;

/** Only seen in the built-in mailbox: with Resend, lib/env.ts requires EMAIL_FROM. */
const MAILBOX_FROM = "noreply@mailbox.invalid";

/** Throws MailRefused when the address has had too many mails this hour (nothing is written then). */
export async function enqueueEmail(db: DbOrTx, input: EmailInput, opts: { clock?: Clock } = {}): Promise<{ id: number }> {
  const clock = opts.clock ?? systemClock;
  const now = clock.now();
  const to = checkAddress(input.to);
  // Counted in the caller's transaction: a rollback un-counts it along with the row.
  const slot = await take(db, clock, outboxRecipientKey(to), LIMITS.outboxPerRecipient);
  if (!slot.allowed) {
    log.warn({ template: input.template, retryAt: slot.retryAt.toISOString() }, "email: refused by the per-address backstop");
    throw new MailRefused(slot.retryAt);
  }
  const unionRow = input.unionId == null ? undefined : await loadUnion(db, input.unionId);
  const union = input.props.union ?? unionRow?.contact;
  if (!union) throw new TypeError(`email ${input.template}: pass props.union or a unionId`);

  const rendered = await renderEmail(input.template, { ...input.props, union } as TemplateProps<typeof input.template>);
  const from = input.from ?? senderFor(union.name, unionRow?.senderEmail ?? env().EMAIL_FROM ?? MAILBOX_FROM);

  const [row] = await db
    .insert(emailOutbox)
    .values({
      unionId: input.unionId ?? null,
      template: input.template,
      toAddress: to,
      fromAddress: from,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      status: "pending",
      attempts: 0,
      // From the clock, not the database's now(): tests move time, and so must due-ness.
      nextAttemptAt: now,
      createdAt: now,
      codeId: input.codeId ?? null,
    })
    .returning({ id: emailOutbox.id });
  return { id: row.id };
}

/**
 * The database work and rendering of enqueueEmail, with no mail: for answers that must take as long
 * when there is nobody to mail (forgot ID / password for an unknown address), so time tells nothing.
 */
export async function enqueueDecoy<T extends TemplateName>(db: DbOrTx, clock: Clock, to: string, template: T, props: TemplateProps<T>): Promise<void> {
  const key = `outbox:decoy:${to.trim().toLowerCase()}`;
  await take(db, clock, key, LIMITS.outboxPerRecipient);
  await db.select({ id: unions.id }).from(unions).where(eq(unions.id, 0)).limit(1);
  await renderEmail(template, props);
  // Stands for the outbox row's insert: one more write of about the same size.
  await take(db, clock, `${key}:row`, LIMITS.outboxPerRecipient);
}

/** For notices that must not undo the change they report: the row id, or null when refused. */
export async function enqueueEmailOrSkip(db: DbOrTx, input: EmailInput, opts: { clock?: Clock } = {}): Promise<number | null> {
  try {
    return (await enqueueEmail(db, input, opts)).id;
  } catch (error) {
    if (error instanceof MailRefused) return null;
    throw error;
  }
}

async function loadUnion(db: DbOrTx, unionId: number) {
  const [u] = await db.select().from(unions).where(eq(unions.id, unionId)).limit(1);
  if (!u) throw new TypeError(`email: no union with id ${unionId}`);
  const contact: UnionContact = {
    name: u.name,
    callCenterPhone: u.callCenterPhone,
    callCenterHours: u.callCenterHours,
    supportEmail: u.supportEmail,
  };
  return { contact, senderEmail: u.senderEmail };
}

/** Members recognise mail by the union's name, so a bare address gets it as display name. */
export function senderFor(displayName: string, address: string): string {
  if (address.includes("<")) return address;
  const name = displayName.replace(/["\\<>\r\n]/g, "").trim();
  return name ? `"${name}" <${address}>` : address;
}

/** Callers validate addresses in their forms; this only stops a malformed one reaching a header. */
function checkAddress(address: string): string {
  const a = address.trim();
  if (!/^[^\s@<>",;]+@[^\s@<>",;]+$/.test(a)) throw new TypeError("email: not a single plain address");
  return a;
}
