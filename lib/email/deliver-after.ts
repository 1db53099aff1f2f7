import "server-only";
import { after } from "next/server";
import type { Db } from "@/db/connect";
import { systemClock } from "../clock";
import { deliverOne } from "./deliver";
import { errorFields, log } from "../log";
import { transportFromEnv } from "./transport";

/**
 * Delivers queued rows after the response has been sent. Used where the response must not reveal
 * by its timing whether a mail was sent (forgot password / user ID). Rows that fail stay queued
 * for the cron route or the worker.
 */
export function deliverAfterResponse(db: Db, outboxIds: number[]): void {
  if (outboxIds.length === 0) return;
  after(async () => {
    for (const id of outboxIds) {
      try {
        await deliverOne(db, id, { clock: systemClock, transport: transportFromEnv(db) });
      } catch (error) {
        log.error({ outboxId: id, ...errorFields(error) }, "email: delivery after response failed");
      }
    }
  });
}
