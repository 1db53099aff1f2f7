// Issues a sign-up 認証番号 and mails it. A failed send leaves everything in place: the member
// is told, and can press resend.
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { issueCode, type IssueResult } from "../codes/issue-code";
import { sendEmail } from "../email/send";
import { signupSubject, type SignupRequest } from "./request";

export type SendCodeResult =
  | { ok: true; mailSent: boolean; expiresAt: Date }
  | { ok: false; wait: Date };

type Issued = Extract<IssueResult, { ok: true }>;

export async function issueSignupCode(db: Db, clock: Clock, request: SignupRequest, email: string, client: { ip: string }): Promise<Issued | { ok: false; wait: Date }> {
  const issued = await issueCode(db, clock, { purpose: "signup", subject: signupSubject(request), email });
  if (!issued.ok) return { ok: false, wait: issued.retryAt };
  await audit(db, clock, { event: "code.issued", actorType: "anonymous", unionId: request.unionId, ip: client.ip, target: signupSubject(request), details: { purpose: "signup" } });
  return issued;
}

export async function mailSignupCode(db: Db, clock: Clock, request: SignupRequest, issued: Issued): Promise<SendCodeResult> {
  const sent = await sendEmail(
    db,
    { template: "signup-code", props: { code: issued.code, expiresAt: issued.expiresAt }, to: request.email!, unionId: request.unionId },
    { clock },
  );
  return { ok: true, mailSent: sent.delivered, expiresAt: issued.expiresAt };
}

/** Resend: a new code to the address already on the request. */
export async function sendSignupCode(db: Db, clock: Clock, request: SignupRequest, client: { ip: string }): Promise<SendCodeResult> {
  if (!request.email) throw new Error("sign-up request has no email yet");
  const issued = await issueSignupCode(db, clock, request, request.email, client);
  if (!issued.ok) return issued;
  return mailSignupCode(db, clock, request, issued);
}
