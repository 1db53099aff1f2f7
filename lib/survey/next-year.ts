// The next year's survey (issue 10): a draft made from the current roster after the current
// survey has closed. The union chooses whether member accounts carry over or are reset. A reset
// closes every open account of the union (closed_at, and disabled so every "has an account" check
// already treats it as none) and ends their sessions; the rows stay for the audit, and each person
// may sign up again (the unique keys on user ID and roster person only cover open accounts).
// All in one transaction with the survey and the union locked: a double submit does it once.
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { members } from "@/db/schema";
import type { AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { hasBadCharacters } from "../validation/input-guard";
import { checkDraftInput, findSurvey, insertDraft, surveyIsCurrent, type Survey } from "./admin-surveys";
import { rowCount, type OpenSurveyInput } from "./open-survey";

export type AccountChoice = "carry" | "reset";

export interface NextYearInput extends Omit<OpenSurveyInput, "unionId" | "createdByAdminId"> {
  accounts: AccountChoice;
  /** Required for a reset. */
  reason?: string;
  /** A reset must be confirmed (the checkbox on the form). */
  confirmed?: boolean;
}

export type NextYearResult =
  | { ok: true; survey: Survey; closedAccounts: number; endedSessions: number }
  | { ok: false; error: "not_found" | "not_closed" | "not_current" | "bad_reason" | "not_confirmed" | string; message: string; field?: string };

const REASON_MAX = 200;

export async function createNextYearSurvey(db: Db, clock: Clock, scope: AdminScope, fromSurveyId: number, input: NextYearInput): Promise<NextYearResult> {
  const reason = (input.reason ?? "").trim();
  if (input.accounts === "reset") {
    if (!reason || reason.length > REASON_MAX || hasBadCharacters(reason)) return { ok: false, error: "bad_reason", field: "reason", message: "アカウントをリセットする理由を 1〜200 文字で入力してください" };
    if (!input.confirmed) return { ok: false, error: "not_confirmed", field: "confirm", message: "リセットしてよいか確認のチェックを入れてください" };
  }
  return db.transaction(async (tx): Promise<NextYearResult> => {
    const from = await findSurvey(tx, scope, fromSurveyId, { forUpdate: true });
    if (!from) return { ok: false, error: "not_found", message: "対象の調査が見つかりません" };
    if (from.status !== "closed") return { ok: false, error: "not_closed", message: "いまの調査を締め切ってから、次年度の調査を作成してください" };
    if (!(await surveyIsCurrent(tx, from))) return { ok: false, error: "not_current", message: "次年度の調査はすでに作成されています" };
    const draft: OpenSurveyInput = { ...input, unionId: from.unionId, createdByAdminId: scope.admin.id };
    const invalid = checkDraftInput(clock, scope, draft);
    if (invalid) return invalid;
    const made = await insertDraft(tx, clock, scope, draft, { fromSurveyId: from.id, accounts: input.accounts });
    if (!made.ok) return made;
    let closedAccounts = 0;
    let endedSessions = 0;
    if (input.accounts === "reset") ({ closedAccounts, endedSessions } = await resetAccounts(tx, clock, from.unionId, reason));
    await audit(tx, clock, {
      event: input.accounts === "reset" ? "admin.accounts_reset" : "admin.accounts_carried_over",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId: from.unionId,
      target: `survey:${made.survey.id}`,
      details: { fromSurveyId: from.id, reason: reason || null, closedAccounts, endedSessions },
    });
    return { ok: true, survey: made.survey, closedAccounts, endedSessions };
  });
}

/** Closes every open account of a union and ends their live sessions (inside the caller's transaction). */
async function resetAccounts(tx: DbOrTx, clock: Clock, unionId: number, reason: string) {
  const iso = clock.now().toISOString();
  const endedSessions = rowCount(
    await tx.execute(sql`
      update sessions s set ended_at = ${iso}::timestamptz, end_reason = 'admin'
      from members m
      where s.member_id = m.id and m.union_id = ${unionId} and m.closed_at is null and s.ended_at is null
      returning s.id`),
  );
  const closed = await tx
    .update(members)
    .set({ closedAt: sql`${iso}::timestamptz`, closedReason: reason, disabledAt: sql`coalesce(${members.disabledAt}, ${iso}::timestamptz)` })
    .where(and(eq(members.unionId, unionId), isNull(members.closedAt)))
    .returning({ id: members.id });
  return { closedAccounts: closed.length, endedSessions };
}
