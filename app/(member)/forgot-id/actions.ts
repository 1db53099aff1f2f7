"use server";
import { getDb } from "@/db";
import { parseForm, type FormState } from "@/lib/actions";
import { requestUserIdReminder } from "@/lib/account/forgot-id";
import { forgotIdSchema } from "@/lib/account/schemas";
import { systemClock } from "@/lib/clock";
import { deliverAfterResponse } from "@/lib/email/deliver-after";
import { MESSAGES } from "@/lib/errors";
import { currentClient } from "@/lib/request";

const FORGOT_ID_SENT = "ご登録のあるメールアドレスの場合は、ユーザーIDをお知らせするメールをお送りしました。しばらく待ってもメールが届かない場合は、下の「メールが届かないときは」をご覧ください。";

// Public: the same answer, at about the same time, whether or not the address is registered.
export async function forgotIdAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(forgotIdSchema, formData);
  if (!parsed.ok) return parsed.state;
  const db = await getDb();
  const result = await requestUserIdReminder(db, systemClock, parsed.data, await currentClient());
  deliverAfterResponse(db, result.outboxIds);
  if (result.throttled) return { formError: MESSAGES.mailThrottled, values: parsed.data };
  return { ok: true, notice: FORGOT_ID_SENT, values: parsed.data };
}
