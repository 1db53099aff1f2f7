"use server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requireMember } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";
import { recordConsent } from "@/lib/terms/consent";
import { consentSchema } from "@/lib/terms/consent-schema";

const TERMS_CHANGED = "利用規約が更新されました。最新の内容をご確認ください。";

export async function consentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { member, union, terms, consented } = await requireMember(true);
  if (!terms) return { formError: MESSAGES.termsNotPublished };
  if (consented) redirect("/");
  const parsed = parseForm(consentSchema, formData);
  if (!parsed.ok) {
    const agree = parsed.state.fieldErrors?.agree;
    return agree ? { fieldErrors: { agree }, formError: MESSAGES.termsRequired } : { formError: TERMS_CHANGED };
  }
  // The member consents to the version they were shown; a newer one published meanwhile is shown next.
  if (parsed.data.termsVersionId !== terms.id) return { formError: TERMS_CHANGED };
  const client = await currentClient();
  await recordConsent(await getDb(), systemClock, { memberId: member.id, unionId: union.id, termsVersionId: terms.id, version: terms.version, ...client });
  redirect("/");
}
