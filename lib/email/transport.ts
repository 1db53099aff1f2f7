// The two ways a queued email leaves the outbox: Resend (real mail) or the built-in mailbox
// (a dev_mailbox row). Both take their configuration as arguments; only transportFromEnv reads env.
import { eq } from "drizzle-orm";
import { Resend } from "resend";
import type { DbOrTx } from "@/db/connect";
import { devMailbox } from "@/db/schema";
import { systemClock, type Clock } from "@/lib/clock";
import { env } from "@/lib/env";

export interface OutgoingEmail {
  outboxId: number;
  /** Stable for the life of the outbox row: a repeated send of the same row is one email. */
  idempotencyKey: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendResult =
  | { ok: true; providerId: string | null }
  /** `permanent`: retrying the same message cannot succeed (e.g. the provider rejected it as invalid). */
  | { ok: false; error: string; permanent: boolean };

export interface EmailTransport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<SendResult>;
}

export interface ResendConfig {
  apiKey: string;
  /** RESEND_BASE_URL; the SDK would read process.env itself, so it is always passed explicitly. */
  baseUrl?: string;
  /** The SDK has no timeout; a hung request must not outlive the row's lease. */
  timeoutMs?: number;
}

export function resendTransport(config: ResendConfig): EmailTransport {
  const client = new Resend(config.apiKey, {
    // The SDK joins `${baseUrl}${path}`, so a trailing slash would request `//emails`.
    baseUrl: (config.baseUrl ?? "https://api.resend.com").replace(/\/+$/, ""),
  });
  const timeoutMs = config.timeoutMs ?? 15_000;
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error) {
        return {
          ok: false,
          error: `resend ${error.statusCode ?? "network"} ${error.name}: ${error.message}`,
          permanent: isPermanent(error.statusCode, error.name),
        };
      }
      return { ok: true, providerId: data?.id ?? null };
    },
  };
}

/**
 * 400/422 mean the message itself is invalid, and a reused idempotency key with another payload
 * will be refused forever. Everything else (401/403 configuration, 429, 5xx, network) can heal.
 */
function isPermanent(status: number | null, name: string): boolean {
  return status === 400 || status === 422 || name === "invalid_idempotent_request";
}

/**
 * Idempotent on outbox_id (unique), so a re-sent row after a lost lease shows up once. The mailbox
 * keeps the full text, codes included: it is the dev/preview stand-in for the members' inboxes,
 * served only where SPEC allows it. (email_outbox itself clears code mail bodies once sent.)
 */
export function mailboxTransport(db: DbOrTx, opts: { clock?: Clock } = {}): EmailTransport {
  const clock = opts.clock ?? systemClock;
  return {
    name: "mailbox",
    async send(email) {
      const inserted = await db
        .insert(devMailbox)
        .values({
          outboxId: email.outboxId,
          toAddress: email.to,
          fromAddress: email.from,
          subject: email.subject,
          text: email.text,
          html: email.html,
          createdAt: clock.now(),
        })
        .onConflictDoNothing({ target: devMailbox.outboxId })
        .returning({ id: devMailbox.id });
      const id =
        inserted[0]?.id ??
        (await db.select({ id: devMailbox.id }).from(devMailbox).where(eq(devMailbox.outboxId, email.outboxId)))[0]?.id;
      return { ok: true, providerId: id == null ? null : `mailbox-${id}` };
    },
  };
}

let cachedResend: { key: string; baseUrl?: string; transport: EmailTransport } | undefined;

/** Resend when RESEND_API_KEY is set, otherwise the built-in mailbox (SPEC: Environment). */
export function transportFromEnv(db: DbOrTx): EmailTransport {
  const e = env();
  if (!e.RESEND_API_KEY) return mailboxTransport(db);
  if (cachedResend?.key !== e.RESEND_API_KEY || cachedResend.baseUrl !== e.RESEND_BASE_URL) {
    const transport = resendTransport({ apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL });
    cachedResend = { key: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL, transport };
  }
  return cachedResend.transport;
}
