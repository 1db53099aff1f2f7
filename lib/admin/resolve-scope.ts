// The session token of a request → the admin's scope, or why there is none.
import type { DbOrTx } from "@/db/connect";
import type { Clock } from "../clock";
import { audit } from "../audit";
import { checkAdminSession, endAdminSession, type AdminEndReason } from "./sessions";
import { scopeOfAdmin, type AdminScope } from "./scope";

export type ScopeResult = { ok: true; scope: AdminScope } | { ok: false; reason: AdminEndReason | "missing" };

export async function resolveAdminScope(db: DbOrTx, clock: Clock, token: string | undefined): Promise<ScopeResult> {
  if (!token) return { ok: false, reason: "missing" };
  const check = await checkAdminSession(db, clock, token);
  if (!check.ok) return check;
  const scope = await scopeOfAdmin(db, check.adminId, check.sessionId);
  if (!scope) {
    // Disabled since the session opened: the session ends here too.
    if (await endAdminSession(db, clock, check.sessionId, "disabled")) {
      await audit(db, clock, { event: "admin.session_ended", actorType: "admin", actorId: check.adminId, details: { reason: "disabled" } });
    }
    return { ok: false, reason: "disabled" };
  }
  return { ok: true, scope };
}
