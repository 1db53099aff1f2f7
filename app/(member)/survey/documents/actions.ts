"use server";
import { redirect } from "next/navigation";
import { type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { setDocumentsRead } from "@/lib/survey/save-answers";
import { memberSurvey } from "../_components/load";

export async function documentsReadAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { ref, db } = await memberSurvey();
  if (formData.get("read") !== "on") return { fieldErrors: { read: "必要な書類の一覧を確認したら、チェックを入れてください。" }, formError: "入力内容を確認してください。" };
  const result = await setDocumentsRead(db, systemClock, ref, true);
  if (!result.ok) return { formError: result.error === "locked" ? "提出済みのため、変更できません。" : "回答期間外のため、保存できません。" };
  redirect("/survey/confirm");
}
