// Issues a sign-up 認証番号 and mails it. A failed send leaves everything in place: the member
// is told, and can press resend. Every code mail is limited per client and per recipient address
// (lib/email/mail-limits.ts) on top of the code's own cool-down and hourly cap.
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { issueCode, type IssueResult } from "../codes/issue-code";
import { takeMailSlots } from "../email/mail-limits";
import { MailRefused } from "../email/outbox";
import { sendEmail } from "../email/send";
import { signupSubject, type SignupRequest } from "./request";

export type SendCodeResult =
  | { ok: true; mailSent: boolean; expiresAt: Date }
  /** The code's cool-down or hourly cap. */
  | { ok: false; wait: Date }
  /** A mail limit (client, recipient address, or the outbox backstop): nothing was mailed. */
  | { ok: false; mailLimit: Date };

type Issued = Extract<IssueResult, { ok: true }>;

/** Takes the mail slots, then issues; a refused issue gives the slots back (nothing is mailed). */
export async function issueSignupCode(
  db: Db,
  clock: Clock,
  request: SignupRequest,
  email: string,
  client: { ip: string },
): Promise<Issued | Exclude<SendCodeResult, { ok: true }>> {
  const slots = await takeMailSlots(db, clock, { ip: client.ip, to: email });
  if (!slots.ok) {
    await audit(db, clock, { event: "mail.throttled", actorType: "anonymous", unionId: request.unionId, ip: client.ip, target: signupSubject(request), details: { purpose: "signup", by: slots.by } });
    return { ok: false, mailLimit: slots.retryAt };
  }
  const issued = await issueCode(db, clock, { purpose: "signup", subject: signupSubject(request), email });
  if (!issued.ok) {
    await slots.release();
    return { ok: false, wait: issued.retryAt };
  }
  await audit(db, clock, { event: "code.issued", actorType: "anonymous", unionId: request.unionId, ip: client.ip, target: signupSubject(request), details: { purpose: "signup" } });
  return issued;
}

export async function mailSignupCode(db: Db, clock: Clock, request: SignupRequest, issued: Issued): Promise<SendCodeResult> {
  try {
    const sent = await sendEmail(
      db,
      { template: "signup-code", props: { code: issued.code, expiresAt: issued.expiresAt }, to: request.email!, unionId: request.unionId, codeId: issued.codeId },
      { clock },
    );
    return { ok: true, mailSent: sent.delivered, expiresAt: issued.expiresAt };
  } catch (error) {
    if (error instanceof MailRefused) return { ok: false, mailLimit: error.retryAt };
    throw error;
  }
}

/** Resend: a new code to the address already on the request. */
export async function sendSignupCode(db: Db, clock: Clock, request: SignupRequest, client: { ip: string }): Promise<SendCodeResult> {
  if (!request.email) throw new Error("sign-up request has no email yet");
  const issued = await issueSignupCode(db, clock, request, request.email, client);
  if (!issued.ok) return issued;
  return mailSignupCode(db, clock, request, issued);
}
