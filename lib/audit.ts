// The audit log: every security event and admin action, append-only.
import type { DbOrTx } from "@/db/connect";
import { auditLog } from "@/db/schema";
import type { AuditEventName } from "./audit-events";
import type { Clock } from "./clock";
import { log } from "./log";

export interface AuditEvent {
  event: AuditEventName;
  actorType: "member" | "admin" | "system" | "anonymous";
  actorId?: string | number | null;
  unionId?: number | null;
  target?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function audit(db: DbOrTx, clock: Clock, e: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    at: clock.now(),
    event: e.event,
    actorType: e.actorType,
    actorId: e.actorId == null ? null : String(e.actorId),
    unionId: e.unionId ?? null,
    target: e.target ?? null,
    ip: e.ip ?? null,
    details: e.details ?? null,
  });
  logAudit(e);
}

/** The same event as a log line, for whoever watches the logs rather than the table. */
export function logAudit(e: AuditEvent): void {
  log.info({ event: e.event, actorType: e.actorType, actorId: e.actorId ?? undefined, unionId: e.unionId ?? undefined, target: e.target ?? undefined, ip: e.ip ?? undefined, details: e.details }, "audit");
}
