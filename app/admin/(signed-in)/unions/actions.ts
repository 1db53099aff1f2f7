"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requireOperator } from "@/lib/admin/require-admin";
import { unionSchema } from "@/lib/admin/schemas";
import { unionInScope } from "@/lib/admin/scope-params";
import { createUnion, updateUnion, type UnionResult } from "@/lib/admin/unions";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";

function failed(result: Extract<UnionResult, { ok: false }>, values: Record<string, string>): FormState {
  if (result.reason === "code_taken") return { fieldErrors: { code: "この保険者指定コードはすでに使われています。" }, formError: "入力内容を確認してください。", values };
  return { formError: "対象の健康保険組合が見つかりません。" };
}

export async function createUnionAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireOperator();
  const parsed = parseForm(unionSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentClient();
  const result = await createUnion(await getDb(), systemClock, scope, parsed.data, ip);
  if (!result.ok) return failed(result, parsed.data);
  revalidatePath("/admin/unions");
  return { ok: true, notice: `「${parsed.data.name}」(${parsed.data.code})を登録し、利用規約の第1版を公開しました。` };
}

export async function updateUnionAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireOperator();
  const parsed = parseForm(unionSchema, formData);
  if (!parsed.ok) return parsed.state;
  const id = unionInScope(scope, formData.get("unionId"));
  if (id === null) return { formError: "対象の健康保険組合が見つかりません。" };
  const { ip } = await currentClient();
  const result = await updateUnion(await getDb(), systemClock, scope, id, parsed.data, ip);
  if (!result.ok) return failed(result, parsed.data);
  revalidatePath("/admin/unions");
  return { ok: true, notice: "保存しました。", values: parsed.data };
}
