"use server";
// The survey setup's form actions: the gate first, every id from the form read as untrusted (the
// lib looks the survey up within the admin's unions), then PRG back to the survey page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { unionInScope } from "@/lib/admin/scope-params";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { addTarget, applyRule, closeSurvey, createDraftSurvey, openDraftSurvey, removeTarget, surveyIdParam, type SetupError } from "@/lib/survey/admin-surveys";
import { createNextYearSurvey } from "@/lib/survey/next-year";
import { sendReminderRoundNow } from "@/lib/survey/reminders";
import { parseRule } from "@/lib/survey/rule-params";

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD の形で入力してください");
const createSchema = z.object({
  unionId: z.string(),
  title: z.string().trim().min(1, "タイトルを入力してください").max(100, "100 文字以内で入力してください"),
  opensOn: date,
  closesOn: date,
  baseDate: z.union([z.literal(""), date]).optional(),
  reminderDates: z.string().max(200, "長すぎます").optional(),
});

/** Mails delivered right after an action's response; larger rounds are left to the worker. */
const AFTER_RESPONSE_MAX = 200;

const NOT_FOUND: FormState = { formError: "対象の調査が見つかりません。" };

const SETUP_MESSAGES: Record<SetupError | "no_targets", string> = {
  not_found: NOT_FOUND.formError!,
  not_draft: "この調査はすでに開始しているため、対象者を変更できません。",
  closed: "この調査は終了しているため、対象者を変更できません。",
  not_current: "過去の年度の調査は変更できません(閲覧のみ)。",
  not_open: "この調査は実施中ではありません。",
  bad_reason: "理由を 1〜200 文字で入力してください。",
  no_person: "その記号・番号・枝番の被扶養者は名簿にいません。",
  already_target: "その方はすでに対象者です。",
  bad_rule: "年齢の範囲を確認してください。",
  no_targets: "対象者がいないため開始できません。",
};

const FIELD_OF_ERROR: Record<string, string> = { bad_title: "title", bad_date: "opensOn", closes_before_opens: "closesOn", closes_in_past: "closesOn", bad_reminder: "reminderDates" };

export async function createSurveyAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const parsed = parseForm(createSchema, formData);
  if (!parsed.ok) return parsed.state;
  const unionId = unionInScope(scope, parsed.data.unionId);
  if (unionId === null) return { formError: "対象の健康保険組合が見つかりません。" };
  const reminderDates = (parsed.data.reminderDates ?? "").split(/[\s,、]+/).filter(Boolean);
  const result = await createDraftSurvey(await getDb(), systemClock, scope, {
    unionId,
    title: parsed.data.title,
    opensOn: parsed.data.opensOn,
    closesOn: parsed.data.closesOn,
    baseDate: parsed.data.baseDate || undefined,
    reminderDates,
  });
  if (!result.ok) {
    const field = FIELD_OF_ERROR[result.error];
    return { formError: field ? "入力内容を確認してください。" : result.message, fieldErrors: field ? { [field]: result.message } : undefined, values: Object.fromEntries([...formData.entries()].filter(([k, v]) => !k.startsWith("$") && typeof v === "string")) as Record<string, string> };
  }
  revalidatePath("/admin/surveys");
  redirect(`/admin/surveys/${result.survey.id}`);
}

function setupFailure(error: SetupError | "no_targets"): FormState {
  return { formError: SETUP_MESSAGES[error] };
}

export async function applyRuleAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const rule = parseRule({ ageFrom: formData.get("ageFrom"), ageTo: formData.get("ageTo"), rel: formData.getAll("rel") });
  if (!rule) return setupFailure("bad_rule");
  const result = await applyRule(await getDb(), systemClock, scope, id, rule);
  if (!result.ok) return setupFailure(result.error);
  redirect(`/admin/surveys/${id}?applied=${result.targets}`);
}

export async function addTargetAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const s = (k: string) => String(formData.get(k) ?? "");
  const db = await getDb();
  const result = await addTarget(db, systemClock, scope, id, { symbol: s("symbol"), number: s("number"), branch: s("branch"), reason: s("reason") });
  if (!result.ok) return { ...setupFailure(result.error), values: { symbol: s("symbol").slice(0, 20), number: s("number").slice(0, 20), branch: s("branch").slice(0, 4), reason: s("reason").slice(0, 200) } };
  // On an open survey a newly added household with an account gets its start mail.
  deliverAfterResponse(db, result.outboxIds);
  redirect(`/admin/surveys/${id}`);
}

export async function removeTargetAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const targetId = surveyIdParam(formData.get("targetId"));
  const result = await removeTarget(await getDb(), systemClock, scope, id, { targetId, reason: String(formData.get("reason") ?? "") });
  if (!result.ok) return setupFailure(result.error);
  redirect(`/admin/surveys/${id}`);
}

export async function openSurveyAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const db = await getDb();
  const result = await openDraftSurvey(db, systemClock, scope, id);
  if (!result.ok) return setupFailure(result.error);
  // A first batch goes out right away; the rest (and any failure) is for the worker / cron route.
  deliverAfterResponse(db, result.outboxIds.slice(0, AFTER_RESPONSE_MAX));
  revalidatePath("/admin/surveys");
  redirect(`/admin/surveys/${id}?opened=${result.mails}`);
}

export async function closeSurveyAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const result = await closeSurvey(await getDb(), systemClock, scope, id);
  if (!result.ok) return setupFailure(result.error);
  revalidatePath("/admin/surveys");
  redirect(`/admin/surveys/${id}`);
}

export async function remindNowAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const db = await getDb();
  const result = await sendReminderRoundNow(db, systemClock, scope, id);
  if (!result.ok) return setupFailure(result.error);
  deliverAfterResponse(db, result.outboxIds.slice(0, AFTER_RESPONSE_MAX));
  redirect(`/admin/surveys/${id}?reminded=${result.queued}`);
}

const nextYearSchema = createSchema.omit({ unionId: true }).extend({
  accounts: z.enum(["carry", "reset"], { error: "アカウントの扱いを選んでください" }),
  reason: z.string().trim().max(200, "200 文字以内で入力してください").optional(),
  confirm: z.string().optional(),
});

const NEXT_YEAR_FIELDS: Record<string, string> = { ...FIELD_OF_ERROR, bad_reason: "reason", not_confirmed: "confirm" };

export async function nextYearAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const id = surveyIdParam(formData.get("surveyId"));
  const values = Object.fromEntries([...formData.entries()].filter(([k, v]) => !k.startsWith("$") && k !== "confirm" && typeof v === "string").map(([k, v]) => [k, String(v).slice(0, 200)]));
  const parsed = parseForm(nextYearSchema, formData);
  if (!parsed.ok) return { ...parsed.state, values };
  const d = parsed.data;
  const result = await createNextYearSurvey(await getDb(), systemClock, scope, id, {
    title: d.title,
    opensOn: d.opensOn,
    closesOn: d.closesOn,
    baseDate: d.baseDate || undefined,
    reminderDates: (d.reminderDates ?? "").split(/[\s,、]+/).filter(Boolean),
    accounts: d.accounts,
    reason: d.reason,
    confirmed: d.confirm === "yes",
  });
  if (!result.ok) {
    const field = result.field ?? NEXT_YEAR_FIELDS[result.error];
    return { formError: field ? "入力内容を確認してください。" : result.message, fieldErrors: field ? { [field]: result.message } : undefined, values };
  }
  revalidatePath("/admin/surveys");
  redirect(`/admin/surveys/${result.survey.id}?created=next${d.accounts === "reset" ? `&closed=${result.closedAccounts}` : ""}`);
}
