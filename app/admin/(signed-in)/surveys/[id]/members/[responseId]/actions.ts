"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import type { FormState } from "@/lib/actions";
import { requireAdmin } from "@/lib/admin/require-admin";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { decideResponse } from "@/lib/survey/admin-review";
import { surveyIdParam } from "@/lib/survey/admin-surveys";

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
