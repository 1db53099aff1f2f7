// 提出する: the answers lock in one transaction. The response row is taken with a guarded UPDATE
// (status in_progress/returned AND the version the member confirmed), so a second submit, or two at
// once, finds nothing to update and changes nothing. The receipt mail is queued in the same
// transaction (outbox), so it exists exactly when the submission does.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { members, surveyResponses } from "@/db/schema";
import type { Clock } from "../clock";
import { loginUrl } from "../email/links";
import { enqueueEmailOrSkip } from "../email/outbox";
import { loadMemberSurvey, type MemberRef } from "./member-survey";

export type SubmitError = "not_found" | "already_submitted" | "changed" | "incomplete" | "closed";
/** outboxId: the receipt mail's row (null when the per-address backstop refused it), to deliver right away. */
export type SubmitResult = { ok: true; submittedAt: Date; mailQueued: boolean; outboxId: number | null } | { ok: false; error: SubmitError };

export const SUBMIT_MESSAGES: Record<SubmitError, string> = {
  not_found: "回答する調査が見つかりません。",
  already_submitted: "既に提出しています。",
  changed: "回答の内容が変わりました。内容を確認してから、もう一度「提出する」を押してください。",
  incomplete: "まだ入力されていない項目があります。",
  closed: "回答期間が終了しているため、提出できません。健康保険組合にお問い合わせください。",
};

export async function submitResponse(db: DbOrTx, clock: Clock, ref: MemberRef, input: { version: number }): Promise<SubmitResult> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const s = await loadMemberSurvey(tx, clock, ref);
    if (!s) return { ok: false as const, error: "not_found" as const };
    if (s.status === "submitted" || s.status === "approved") return { ok: false as const, error: "already_submitted" as const };
    if (!s.editable) return { ok: false as const, error: "closed" as const };
    if (!s.readyToSubmit) return { ok: false as const, error: "incomplete" as const };
    const updated = await tx
      .update(surveyResponses)
      .set({ status: "submitted", submittedAt: now, updatedAt: now, memberId: ref.memberId, version: sql`${surveyResponses.version} + 1`, submitCount: sql`${surveyResponses.submitCount} + 1` })
      .where(and(eq(surveyResponses.id, s.response.id), inArray(surveyResponses.status, ["in_progress", "returned"]), eq(surveyResponses.version, input.version)))
      .returning({ id: surveyResponses.id });
    if (updated.length === 0) {
      // Someone (this member in another tab) got there first, or the answers moved on since the confirm page.
      const [now2] = await tx.select({ status: surveyResponses.status }).from(surveyResponses).where(eq(surveyResponses.id, s.response.id));
      return { ok: false as const, error: now2?.status === "submitted" || now2?.status === "approved" ? ("already_submitted" as const) : ("changed" as const) };
    }
    const [member] = await tx.select({ email: members.email }).from(members).where(eq(members.id, ref.memberId));
    const mailId = member
      ? await enqueueEmailOrSkip(
          tx,
          {
            template: "survey-receipt",
            to: member.email,
            unionId: ref.unionId,
            props: { surveyTitle: s.survey.title, submittedAt: now, dependents: s.dependents.map((d) => ({ name: d.entry.name, continuation: d.answers.continuation ?? "continue" })), resubmission: s.status === "returned", loginUrl: loginUrl() },
          },
          { clock },
        )
      : null;
    return { ok: true as const, submittedAt: now, mailQueued: mailId !== null, outboxId: mailId };
  });
}
