"use server";
import { redirect } from "next/navigation";
import { type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { log } from "@/lib/log";
import { submitResponse, SUBMIT_MESSAGES } from "@/lib/survey/submit";
import { memberSurvey } from "../_components/load";

export async function submitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { ref, db } = await memberSurvey();
  const version = Number(formData.get("version"));
  if (!Number.isInteger(version) || version < 0) return { formError: SUBMIT_MESSAGES.changed };
  const result = await submitResponse(db, systemClock, ref, { version });
  if (!result.ok) return { formError: SUBMIT_MESSAGES[result.error] };
  deliverAfterResponse(db, result.outboxId === null ? [] : [result.outboxId]);
  if (!result.mailQueued) log.warn({ memberId: ref.memberId }, "survey: receipt mail refused by the per-address backstop");
  // POST → redirect → GET: the back button never submits again.
  redirect("/survey?submitted=1");
}
