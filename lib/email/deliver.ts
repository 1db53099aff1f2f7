// Delivers queued email. Any number of processes may call deliverDue at once (cron route, workers,
// sendEmail): each claims different rows with FOR UPDATE SKIP LOCKED, under a lease.
//
// Exactly-once, as near as a network allows:
// - claiming sets status `sending`, bumps `attempts` and puts the lease end in next_attempt_at, in
//   one statement; a crashed sender's rows become due again when the lease ends;
// - only the claimer can finish a row: it must still be `sending` with the attempts it claimed
//   (a later claimer would have bumped them), so a stale sender cannot overwrite a newer outcome;
// - the provider sees the same idempotency key on every attempt of a row, and the mailbox is
//   unique on outbox_id, so a send repeated after a lost lease is still one email.
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/connect";
import { emailOutbox } from "@/db/schema";
import { MINUTE, systemClock, type Clock } from "@/lib/clock";
import { log } from "@/lib/log";
import { LEASE_MS, MAX_ATTEMPTS, claimDue, type OutboxRow } from "./claim";
import { bodyOnceDone, codeStillLive, GAVE_UP_DEAD_CODE } from "./code-mail";
import type { EmailTransport, SendResult } from "./transport";

export { LEASE_MS, MAX_ATTEMPTS, claimDue };

const FIRST_RETRY_MS = MINUTE;
const MAX_RETRY_MS = 60 * MINUTE;

export interface DeliverOptions {
  transport: EmailTransport;
  clock?: Clock;
  /** Rows claimed per call. */
  limit?: number;
  leaseMs?: number;
  maxAttempts?: number;
}

export interface DeliverySummary {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Claimed but handed back unsent because the lease was running out. */
  released: number;
}

export type RowOutcome = "sent" | "retrying" | "failed" | "released";

/** 1, 2, 4 … minutes after the 1st, 2nd, 3rd … failed attempt, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * The row id, plus a digest of the row: several databases (preview deployments, a reset local
 * PGlite) may share one Resend account and all have an outbox row 1, 2, 3 … Resend keeps keys for
 * 24 hours and would refuse (or swallow) another database's row 1. The digest only covers columns
 * that never change, so every attempt of one row carries the same key (not the body: a code mail's
 * body is cleared once it has left the queue).
 */
export function idempotencyKey(row: Pick<OutboxRow, "id" | "createdAt" | "toAddress" | "subject" | "template">): string {
  const digest = crypto
    .createHash("sha256")
    .update([row.id, row.createdAt.toISOString(), row.toAddress, row.subject, row.template].join("\n"))
    .digest("base64url")
    .slice(0, 22);
  return `outbox-${row.id}-${digest}`;
}

export async function deliverDue(db: DbOrTx, opts: DeliverOptions): Promise<DeliverySummary> {
  const rows = await claimDue(db, opts);
  return sendClaimed(db, rows, opts);
}

/** Delivers one row now if it is due and nobody else holds it; `null` when it could not be claimed. */
export async function deliverOne(db: DbOrTx, id: number, opts: DeliverOptions): Promise<RowOutcome | null> {
  const rows = await claimDue(db, { ...opts, limit: 1, ids: [id] });
  if (rows.length === 0) return null;
  const summary = await sendClaimed(db, rows, opts);
  return summary.sent ? "sent" : summary.failed ? "failed" : summary.retrying ? "retrying" : "released";
}

async function sendClaimed(db: DbOrTx, rows: OutboxRow[], opts: DeliverOptions): Promise<DeliverySummary> {
  const clock = opts.clock ?? systemClock;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const startedAt = clock.now().getTime();
  const summary: DeliverySummary = { claimed: rows.length, sent: 0, retrying: 0, failed: 0, released: 0 };

  for (const row of rows) {
    // Sends are one after another (providers rate-limit); stop well before the lease runs out
    // rather than let another sender start on rows we still hold.
    if (clock.now().getTime() - startedAt > leaseMs / 2) {
      summary.released += await release(db, row, clock.now());
      continue;
    }
    if (row.codeId != null && !(await codeStillLive(db, row.codeId, clock.now()))) {
      const result = { ok: false as const, error: GAVE_UP_DEAD_CODE, permanent: true };
      if (await recordResult(db, row, result, { now: clock.now(), maxAttempts })) summary.failed += 1;
      continue;
    }
    const result = await sendSafely(opts.transport, row);
    const outcome = await recordResult(db, row, result, { now: clock.now(), maxAttempts });
    if (outcome) summary[outcome] += 1;
  }
  return summary;
}

async function sendSafely(transport: EmailTransport, row: OutboxRow): Promise<SendResult> {
  try {
    return await transport.send({
      outboxId: row.id,
      idempotencyKey: idempotencyKey(row),
      from: row.fromAddress,
      to: row.toAddress,
      subject: row.subject,
      html: row.html,
      text: row.text,
    });
  } catch (error) {
    return { ok: false, error: `${transport.name}: ${error instanceof Error ? error.message : String(error)}`, permanent: false };
  }
}

/** The claimer's own row, still as it claimed it: the fence on every write after the send. */
const ours = (row: OutboxRow) =>
  and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "sending"), eq(emailOutbox.attempts, row.attempts));

export async function recordResult(
  db: DbOrTx,
  row: OutboxRow,
  result: SendResult,
  at: { now: Date; maxAttempts: number },
): Promise<Exclude<RowOutcome, "released"> | null> {
  let outcome: Exclude<RowOutcome, "released">;
  let values: PgUpdateSetSource<typeof emailOutbox>;
  if (result.ok) {
    outcome = "sent";
    values = { status: "sent", providerId: result.providerId, sentAt: at.now, lastError: null, ...bodyOnceDone };
  } else if (result.permanent || row.attempts >= at.maxAttempts) {
    outcome = "failed";
    values = { status: "failed", nextAttemptAt: at.now, lastError: result.error.slice(0, 1000), ...bodyOnceDone };
  } else {
    outcome = "retrying";
    values = {
      status: "pending",
      nextAttemptAt: new Date(at.now.getTime() + retryDelayMs(row.attempts)),
      lastError: result.error.slice(0, 1000),
    };
  }
  const updated = await db.update(emailOutbox).set(values).where(ours(row)).returning({ id: emailOutbox.id });
  if (updated.length === 0) {
    // Our lease ran out and someone else claimed the row; their outcome stands. If we did send,
    // their send carries the same idempotency key, so the member still gets one email.
    log.warn({ outboxId: row.id, outcome }, "email: lease lost before recording the outcome");
    return null;
  }
  if (!result.ok) log.warn({ outboxId: row.id, template: row.template, attempt: row.attempts, outcome, error: result.error }, "email: delivery attempt failed");
  return outcome;
}

/** Hand a claimed, unsent row back at once, without counting the attempt. */
async function release(db: DbOrTx, row: OutboxRow, now: Date): Promise<number> {
  const updated = await db
    .update(emailOutbox)
    .set({ status: "pending", attempts: row.attempts - 1, nextAttemptAt: now })
    .where(ours(row))
    .returning({ id: emailOutbox.id });
  return updated.length;
}
