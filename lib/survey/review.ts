// The union's decisions on a submitted response: 差し戻し (with a reason the member sees) and 承認
// (確認完了). Used by tests now and by /admin later; the admin side checks its union scope first.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { surveyResponses } from "@/db/schema";
import type { Clock } from "../clock";

export type ReviewResult = { ok: true } | { ok: false; error: "not_submitted" | "bad_reason" };

export const RETURN_REASON_MAX = 1000;

export async function returnResponse(db: DbOrTx, clock: Clock, input: { responseId: number; reason: string; adminId?: number | null }): Promise<ReviewResult> {
  const reason = input.reason.trim();
  if (!reason || reason.length > RETURN_REASON_MAX) return { ok: false, error: "bad_reason" };
  const now = clock.now();
  const rows = await db
    .update(surveyResponses)
    .set({ status: "returned", returnedReason: reason, returnedAt: now, returnedByAdminId: input.adminId ?? null, updatedAt: now, version: sql`${surveyResponses.version} + 1` })
    .where(and(eq(surveyResponses.id, input.responseId), eq(surveyResponses.status, "submitted")))
    .returning({ id: surveyResponses.id });
  return rows.length ? { ok: true } : { ok: false, error: "not_submitted" };
}

export async function approveResponse(db: DbOrTx, clock: Clock, input: { responseId: number; adminId?: number | null }): Promise<ReviewResult> {
  const now = clock.now();
  const rows = await db
    .update(surveyResponses)
    .set({ status: "approved", approvedAt: now, approvedByAdminId: input.adminId ?? null, updatedAt: now, version: sql`${surveyResponses.version} + 1` })
    .where(and(eq(surveyResponses.id, input.responseId), eq(surveyResponses.status, "submitted")))
    .returning({ id: surveyResponses.id });
  return rows.length ? { ok: true } : { ok: false, error: "not_submitted" };
}
