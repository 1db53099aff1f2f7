"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { memberActionSchema } from "@/lib/admin/members/action-schema";
import { runMemberAction, type MemberActionKind } from "@/lib/admin/members/actions";
import { ADMIN_MESSAGES } from "@/lib/admin/messages";
import { requireAdmin } from "@/lib/admin/require-admin";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";

const DONE: Record<MemberActionKind, [done: string, nothing: string]> = {
  unlock: ["ロックを解除しました。", "この加入者はロックされていません。"],
  logout: ["ログイン中の端末をすべてログアウトさせました。", "ログイン中の端末はありません。"],
  disable: ["利用を停止しました。ログイン中の端末もログアウトさせました。", "この加入者はすでに利用停止中です。"],
  enable: ["利用を再開しました。", "この加入者は利用停止されていません。"],
  notify_user_id: ["登録メールアドレスにユーザーIDを送信しました。", "1分以内に送信済みのため、送信しませんでした。届かない場合は少し待ってからもう一度お試しください。"],
};

export async function memberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const parsed = parseForm(memberActionSchema, formData, { multiline: ["reason"] });
  if (!parsed.ok) return parsed.state;
  const { kind, memberId, rosterEntryId, reason } = parsed.data;
  const result = await runMemberAction(await getDb(), systemClock, scope, kind, { memberId, reason }, await currentClient());
  if (!result.ok) return { formError: ADMIN_MESSAGES.notFound };
  revalidatePath(`/admin/members/${rosterEntryId}`);
  const [done, nothing] = DONE[kind];
  return { ok: true, notice: result.done ? done : nothing };
}
