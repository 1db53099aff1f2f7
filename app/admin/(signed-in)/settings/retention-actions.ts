"use server";
// 書類の保存期間: its own small form, so the union's other settings stay as they are.
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import type { FormState } from "@/lib/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { unionInScope } from "@/lib/admin/scope-params";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";
import { parseRetentionDays, setRetentionDays } from "@/lib/survey/retention";

export async function saveRetentionAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const unionId = unionInScope(scope, String(formData.get("unionId") ?? ""));
  if (unionId === null) return { formError: "対象の健康保険組合が見つかりません。" };
  const typed = String(formData.get("retentionDays") ?? "").slice(0, 20);
  const parsed = parseRetentionDays(typed);
  if (!parsed.ok) return { formError: "入力内容を確認してください。", fieldErrors: { retentionDays: parsed.message }, values: { retentionDays: typed } };
  const { ip } = await currentClient();
  const result = await setRetentionDays(await getDb(), systemClock, scope, unionId, parsed.days, ip);
  if (!result.ok) return { formError: "対象の健康保険組合が見つかりません。" };
  revalidatePath("/admin/settings");
  return { ok: true, notice: result.changed ? `書類の保存期間を ${parsed.days} 日にしました。` : "変更はありませんでした。" };
}
