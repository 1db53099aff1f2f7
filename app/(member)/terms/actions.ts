"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import type { FormState } from "@/lib/actions";
import { requireMember } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";
import { recordConsent } from "@/lib/terms/consent";

export async function consentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { member, union, terms } = await requireMember(true);
  if (!terms) redirect("/");
  if (formData.get("agree") !== "on") return { fieldErrors: { agree: "内容をご確認のうえ、「利用規約に同意する」にチェックしてください。" }, formError: MESSAGES.termsRequired };
  // The member consents to the version they were shown; a newer one published meanwhile is shown next.
  if (Number(formData.get("termsVersionId")) !== terms.id) return { formError: "利用規約が更新されました。最新の内容をご確認ください。" };
  const client = await currentClient();
  await recordConsent(await getDb(), systemClock, { memberId: member.id, unionId: union.id, termsVersionId: terms.id, version: terms.version, ...client });
  redirect("/");
}
