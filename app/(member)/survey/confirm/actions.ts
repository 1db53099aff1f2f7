"use server";
import { redirect } from "next/navigation";
import { type FormState } from "@/lib/actions";
import { systemClock } from "@/lib/clock";
import { log } from "@/lib/log";
import { submitResponse, SUBMIT_MESSAGES } from "@/lib/survey/submit";
import { memberSurvey } from "../_components/load";

export async function submitAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { ref, db } = await memberSurvey();
  const version = Number(formData.get("version"));
  if (!Number.isInteger(version) || version < 0) return { formError: SUBMIT_MESSAGES.changed };
  const result = await submitResponse(db, systemClock, ref, { version });
  if (!result.ok) return { formError: SUBMIT_MESSAGES[result.error] };
  if (!result.mailQueued) log.warn({ memberId: ref.memberId }, "survey: receipt mail refused by the per-address backstop");
  // POST → redirect → GET: the back button never submits again.
  redirect("/survey?submitted=1");
}
