// Mails that carry a 認証番号. The code itself is stored only as an HMAC (lib/codes); the rendered
// mail in email_outbox would undo that, so:
// - once a code mail is sent or given up, its text and html are cleared (subject, template and the
//   delivery metadata stay for support and audit);
// - a code mail whose code has expired, or was replaced, used or killed, before it could be
//   delivered is given up instead of sent: no 認証番号 arrives after its 10 minutes.
import { and, eq, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { emailOutbox, oneTimeCodes } from "@/db/schema";
import type { TemplateName } from "./templates";

export const CODE_TEMPLATES = ["signup-code", "password-reset-code", "email-change-code"] as const satisfies readonly TemplateName[];

export const isCodeTemplate = (template: string) => (CODE_TEMPLATES as readonly string[]).includes(template);

const codeTemplate = sql`${emailOutbox.template} in (${sql.join(CODE_TEMPLATES.map((t) => sql`${t}`), sql`, `)})`;

/** SET values for a row leaving the queue (sent or failed): a code mail forgets its body. */
export const bodyOnceDone = {
  text: sql`case when ${codeTemplate} then '' else ${emailOutbox.text} end`,
  html: sql`case when ${codeTemplate} then '' else ${emailOutbox.html} end`,
};

export const GAVE_UP_DEAD_CODE = "gave up: the code expired or was replaced before delivery";

/** Its code is still live: not closed (used, superseded, killed) and not expired. */
const liveCode = (now: Date) =>
  sql`exists (select 1 from ${oneTimeCodes} where ${oneTimeCodes.id} = ${emailOutbox.codeId} and ${oneTimeCodes.closedAt} is null and ${oneTimeCodes.expiresAt} > ${now.toISOString()})`;

/**
 * Gives up every queued code mail whose code is dead: pending ones (also those waiting out a retry
 * back-off, so their body goes at once) and `sending` ones whose lease has run out. Rows another
 * sender holds under a live lease are left to it; it checks again before sending (codeStillLive).
 */
export async function giveUpDeadCodeMails(db: DbOrTx, now: Date, ids?: number[]): Promise<number> {
  const given = await db
    .update(emailOutbox)
    .set({ status: "failed", nextAttemptAt: now, lastError: GAVE_UP_DEAD_CODE, ...bodyOnceDone })
    .where(
      and(
        isNotNull(emailOutbox.codeId),
        or(eq(emailOutbox.status, "pending"), and(eq(emailOutbox.status, "sending"), lte(emailOutbox.nextAttemptAt, now))),
        sql`not ${liveCode(now)}`,
        ids ? inArray(emailOutbox.id, ids) : undefined,
      ),
    )
    .returning({ id: emailOutbox.id });
  return given.length;
}

/** Checked just before a send: batches take time, and a code can die between claim and send. */
export async function codeStillLive(db: DbOrTx, codeId: number, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ closedAt: oneTimeCodes.closedAt, expiresAt: oneTimeCodes.expiresAt })
    .from(oneTimeCodes)
    .where(eq(oneTimeCodes.id, codeId));
  return Boolean(row && !row.closedAt && row.expiresAt > now);
}
