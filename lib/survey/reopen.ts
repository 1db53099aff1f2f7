// Reopening one case after the survey closed (issue 10): "uploads stop unless the union reopens one
// case". The union gives a last day (Japan time) and a 理由; until the end of that day THIS member may
// answer, submit and upload as if the window were open (lib/survey/window.ts responsePhase,
// lib/uploads/upload-target.ts filesLocked). The status does not change: a submitted case stays
// submitted (files may be added, answers stay locked unless the union also sends it back), a case not
// yet submitted can be finished and submitted. Every other member of the survey stays closed.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { members, surveyResponses } from "@/db/schema";
import type { AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { loginUrl } from "../email/links";
import { enqueueEmailOrSkip } from "../email/outbox";
import { isRealDate, todayInJapan } from "../validation/fields";
import { hasBadCharacters } from "../validation/input-guard";
import { lockCase, NOT_CURRENT_MESSAGE } from "./admin-review";
import { jstEndExclusive, windowPhase } from "./window";

export const REOPEN_REASON_MAX = 500;
/** The furthest a case may be reopened: about three months from today. */
export const REOPEN_MAX_DAYS = 92;

export interface ReopenInput {
  surveyId: number;
  responseId: number;
  /** The last day the case stays open, YYYY-MM-DD (Japan time). */
  until: string;
  reason: string;
}

export type ReopenResult =
  | { ok: true; changed: boolean; outboxId: number | null }
  | { ok: false; error: "not_found" | "bad_input" | "still_open" | "approved" | "not_current"; fieldErrors?: Record<string, string>; message: string };

const NOT_FOUND = { ok: false as const, error: "not_found" as const, message: "対象の回答が見つかりません。" };

export function checkReopenInput(input: { until: string; reason: string }, now: Date): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const reason = input.reason.trim();
  if (!reason || reason.length > REOPEN_REASON_MAX || hasBadCharacters(reason, { multiline: true })) errors.reason = `理由を 1〜${REOPEN_REASON_MAX} 文字で入力してください。`;
  const today = todayInJapan(now);
  const latest = todayInJapan(new Date(now.getTime() + REOPEN_MAX_DAYS * 86_400_000));
  if (!isRealDate(input.until)) errors.until = "期限を YYYY-MM-DD の実在する日付で入力してください。";
  else if (input.until < today) errors.until = "期限には今日以降の日付を入力してください。";
  else if (input.until > latest) errors.until = `期限は今日から${REOPEN_MAX_DAYS}日以内にしてください。`;
  return Object.keys(errors).length ? errors : null;
}

export async function reopenCase(db: Db, clock: Clock, scope: AdminScope, input: ReopenInput): Promise<ReopenResult> {
  const now = clock.now();
  const until = input.until.trim();
  const reason = input.reason.trim();
  const fieldErrors = checkReopenInput({ until, reason }, now);
  if (fieldErrors) return { ok: false, error: "bad_input", fieldErrors, message: "入力内容を確認してください。" };
  return db.transaction(async (tx) => {
    const found = await lockCase(tx, scope, input.surveyId, input.responseId);
    if (found === "not_current") return { ok: false as const, error: "not_current" as const, message: NOT_CURRENT_MESSAGE };
    if (!found) return NOT_FOUND;
    const { survey, response } = found;
    if (windowPhase(survey, now) !== "after") return { ok: false as const, error: "still_open" as const, message: "回答期間中のため、再開の必要はありません。" };
    if (response.status === "approved") return { ok: false as const, error: "approved" as const, message: "確認完了の回答は再開できません。" };
    const untilAt = jstEndExclusive(until);
    // The same date again (a double click): nothing more to write or mail.
    if (response.reopenedUntil?.getTime() === untilAt.getTime()) return { ok: true as const, changed: false, outboxId: null };
    await tx
      .update(surveyResponses)
      .set({ reopenedUntil: untilAt, reopenedByAdminId: scope.admin.id, updatedAt: now, version: sql`${surveyResponses.version} + 1` })
      .where(eq(surveyResponses.id, response.id));
    await audit(tx, clock, {
      event: "admin.survey.reopen",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId: survey.unionId,
      target: `survey_response:${response.id}`,
      details: { surveyId: survey.id, until, reason, previousUntil: response.reopenedUntil?.toISOString() ?? null },
    });
    const [member] = await tx
      .select({ email: members.email })
      .from(members)
      .where(and(eq(members.rosterEntryId, response.insuredEntryId), isNull(members.disabledAt)));
    const outboxId = member ? await enqueueEmailOrSkip(tx, { template: "survey-reopened", to: member.email, unionId: survey.unionId, props: { surveyTitle: survey.title, until, loginUrl: loginUrl() } }, { clock }) : null;
    return { ok: true as const, changed: true, outboxId };
  });
}

/** The last day (YYYY-MM-DD, Japan time) of a reopened case, for the pages. */
export function reopenedLastDay(reopenedUntil: Date): string {
  return todayInJapan(new Date(reopenedUntil.getTime() - 1));
}
