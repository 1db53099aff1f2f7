"use server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db";
import type { FormState } from "@/lib/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { clientFrom } from "@/lib/request";
import { getStorage } from "@/lib/storage";
import { decideResponse, loadReview } from "@/lib/survey/admin-review";
import { surveyIdParam } from "@/lib/survey/admin-surveys";
import { reopenCase } from "@/lib/survey/reopen";
import { deleteMyNumberFile } from "@/lib/uploads/delete-file";

export async function decideAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const surveyId = surveyIdParam(formData.get("surveyId"));
  const responseId = surveyIdParam(formData.get("responseId"));
  const version = surveyIdParam(formData.get("version"));
  const decision = formData.get("decision") === "approve" ? "approve" : "return";
  const outcomes: Record<number, { outcome: string; removalDate?: string }> = {};
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const m = /^(outcome|removalDate)-(\d{1,12})$/.exec(key);
    if (m) {
      const id = Number(m[2]);
      outcomes[id] ??= { outcome: "" };
      if (m[1] === "outcome") outcomes[id].outcome = value.slice(0, 30);
      else outcomes[id].removalDate = value.slice(0, 10);
      values[key] = value.slice(0, 30);
    }
  }
  const reason = String(formData.get("reason") ?? "");
  values.reason = reason.slice(0, 1000);
  const db = await getDb();
  const result = await decideResponse(db, systemClock, scope, { surveyId, responseId, version, decision, reason, outcomes });
  if (!result.ok) return { formError: result.message, fieldErrors: result.fieldErrors, values };
  deliverAfterResponse(db, result.outboxId === null ? [] : [result.outboxId]);
  redirect(`/admin/surveys/${surveyId}/members/${responseId}?done=${decision}`);
}

/** 「マイナンバーが写っているため削除」, confirmed in the page. A second click finds the tombstone and does nothing. */
export async function deleteMyNumberAction(formData: FormData): Promise<void> {
  const scope = await requireAdmin();
  const surveyId = surveyIdParam(formData.get("surveyId"));
  const responseId = surveyIdParam(formData.get("responseId"));
  const fileId = surveyIdParam(formData.get("fileId"));
  const db = await getDb();
  // The file must sit in this response (found through the admin's scope) — not just anywhere in the union.
  const review = await loadReview(db, scope, surveyId, responseId);
  if (!review || !review.files.some((f) => f.id === fileId)) {
    if (review && review.deletions.some((d) => d.fileId === fileId)) redirect(`/admin/surveys/${surveyId}/members/${responseId}?done=deleted`);
    notFound();
  }
  const result = await deleteMyNumberFile({ db, clock: systemClock, storage: getStorage(), ip: clientFrom(await headers()).ip }, scope, fileId);
  if (!result.ok) notFound();
  deliverAfterResponse(db, result.outboxId === null ? [] : [result.outboxId]);
  redirect(`/admin/surveys/${surveyId}/members/${responseId}?done=deleted`);
}

/** Reopens this one case after the survey closed, until a date, with a 理由. */
export async function reopenAction(_: FormState, formData: FormData): Promise<FormState> {
  const scope = await requireAdmin();
  const surveyId = surveyIdParam(formData.get("surveyId"));
  const responseId = surveyIdParam(formData.get("responseId"));
  const until = String(formData.get("until") ?? "").slice(0, 10);
  const reason = String(formData.get("reason") ?? "");
  const values = { until, reason: reason.slice(0, 1000) };
  const db = await getDb();
  const result = await reopenCase(db, systemClock, scope, { surveyId, responseId, until, reason });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return { formError: result.message, fieldErrors: result.fieldErrors, values };
  }
  deliverAfterResponse(db, result.outboxId === null ? [] : [result.outboxId]);
  redirect(`/admin/surveys/${surveyId}/members/${responseId}?done=reopen`);
}
