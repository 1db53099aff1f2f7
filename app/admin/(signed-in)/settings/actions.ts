"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { settingsSchema, termsSchema } from "@/lib/admin/schemas";
import { unionInScope } from "@/lib/admin/scope-params";
import { publishTerms, updateSettings } from "@/lib/admin/settings";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";

const NOT_FOUND: FormState = { formError: "対象の健康保険組合が見つかりません。" };

export async function saveSettings(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const parsed = parseForm(settingsSchema, formData);
  if (!parsed.ok) return parsed.state;
  // The union id in the form is untrusted: outside the admin's unions it is simply not found.
  const unionId = unionInScope(scope, parsed.data.unionId);
  if (unionId === null) return NOT_FOUND;
  const { unionId: _id, ...fields } = parsed.data;
  const { ip } = await currentClient();
  const result = await updateSettings(await getDb(), systemClock, scope, unionId, fields, ip);
  if (!result.ok) return NOT_FOUND;
  revalidatePath("/admin/settings");
  return { ok: true, notice: result.changed.length ? "設定を保存しました。" : "変更はありませんでした。" };
}

export async function publishTermsAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const parsed = parseForm(termsSchema, formData, { multiline: ["body"] });
  if (!parsed.ok) return parsed.state;
  const unionId = unionInScope(scope, parsed.data.unionId);
  if (unionId === null) return NOT_FOUND;
  const { ip } = await currentClient();
  const result = await publishTerms(await getDb(), systemClock, scope, unionId, { title: parsed.data.title, body: parsed.data.body }, ip);
  if (!result.ok && result.reason === "not_found") return NOT_FOUND;
  if (!result.ok) return { fieldErrors: { body: "いまの版と同じ内容です。変更してから公開してください。" }, formError: "公開していません。", values: { title: parsed.data.title, body: parsed.data.body } };
  revalidatePath("/admin/settings");
  return { ok: true, notice: `利用規約の第${result.version}版を公開しました。会員は次にページを開いたときに、もう一度同意を求められます。` };
}
