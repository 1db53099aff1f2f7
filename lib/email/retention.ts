// How long delivered and given-up mail stays in email_outbox: long enough to answer "did my mail go
// out?" at the call centre, not forever (every row names a member's address, and non-code mail
// keeps its body). A constant, not an environment variable.
import { and, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { emailOutbox } from "@/db/schema";
import { HOUR, type Clock } from "../clock";

export const OUTBOX_RETENTION_MS = 30 * 24 * HOUR;

/** Deletes sent and failed rows queued more than OUTBOX_RETENTION_MS ago; pending ones stay. */
export async function pruneOutbox(db: DbOrTx, clock: Clock): Promise<number> {
  const before = new Date(clock.now().getTime() - OUTBOX_RETENTION_MS);
  const deleted = await db
    .delete(emailOutbox)
    .where(and(inArray(emailOutbox.status, ["sent", "failed"]), lt(emailOutbox.createdAt, before)))
    .returning({ id: emailOutbox.id });
  return deleted.length;
}
