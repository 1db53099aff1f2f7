"use server";
import { redirect } from "next/navigation";
import { parseForm, echoValues, type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { answersFormSchema, missingAnswers } from "@/lib/survey/answers-schema";
import { saveAnswers } from "@/lib/survey/save-answers";
import { memberSurvey } from "../../_components/load";

const SAVE_MESSAGES = {
  not_found: "この方の回答は見つかりません。",
  locked: "提出済みのため、回答は変更できません。",
  closed: "回答期間外のため、保存できません。",
} as const;

/** 保存 (draft, stay) and 次へ (save, check everything, go to the next task). POST → redirect → GET. */
export async function saveDependentAction(entryId: number, _prev: FormState, formData: FormData): Promise<FormState> {
  const { ref, db, survey } = await memberSurvey();
  const intent = formData.get("intent") === "next" ? "next" : "save";
  const parsed = parseForm(answersFormSchema, formData, { multiline: ["rosterCorrection"] });
  if (!parsed.ok) return parsed.state;
  const result = await saveAnswers(db, systemClock, ref, { dependentEntryId: entryId, answers: parsed.data.answers, rosterCorrection: parsed.data.rosterCorrection });
  if (!result.ok) return { formError: SAVE_MESSAGES[result.error], values: echoValues(formData) };
  if (intent === "save") redirect(`/survey/dependents/${entryId}?saved=1`);
  if (!result.complete) {
    return {
      fieldErrors: missingAnswers(parsed.data.answers),
      formError: "入力されていない項目があります。ここまでの内容は保存しました。",
      values: echoValues(formData),
    };
  }
  const ids = survey?.dependents.map((d) => d.entry.id) ?? [];
  const next = ids[ids.indexOf(entryId) + 1];
  redirect(next ? `/survey/dependents/${next}` : "/survey/documents");
}
