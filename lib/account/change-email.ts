// Change email: a 認証番号 goes to the NEW address (the code row keeps that address), the change
// applies only when the code is entered, and the OLD address then gets a notice.
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/connect";
import { members } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { issueCode } from "../codes/issue-code";
import { codeMessage } from "../codes/messages";
import { verifyCode } from "../codes/verify-code";
import { takeMailSlots } from "../email/mail-limits";
import { enqueueEmailOrSkip, MailRefused } from "../email/outbox";
import { maskEmail } from "../email/format";
import { sendEmail } from "../email/send";
import { checkCurrentPassword, type ChangeResult } from "./change-password";
import { memberSubject } from "./find-member";

type Member = typeof members.$inferSelect;

/** `wait`: the code's cool-down or hourly cap; `mailLimit`: a mail limit refused (nothing was mailed). */
export type CodeMailResult = { ok: true; mailSent: boolean } | { ok: false; wait: Date } | { ok: false; mailLimit: Date };
export type RequestEmailChangeResult = Exclude<ChangeResult, { ok: true }> | CodeMailResult;

/** Mail limits first (per client, per new address), then the code, then the mail. */
async function issueAndMail(db: Db, clock: Clock, member: Member, to: string, client: { ip: string }, resend: boolean): Promise<CodeMailResult> {
  const slots = await takeMailSlots(db, clock, { ip: client.ip, to });
  if (!slots.ok) {
    await audit(db, clock, { event: "mail.throttled", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip, details: { purpose: "email_change", by: slots.by } });
    return { ok: false, mailLimit: slots.retryAt };
  }
  const issued = await issueCode(db, clock, { purpose: "email_change", subject: memberSubject(member.id), email: to });
  if (!issued.ok) {
    await slots.release();
    return { ok: false, wait: issued.retryAt };
  }
  await audit(db, clock, { event: "code.issued", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip, details: resend ? { purpose: "email_change", resend } : { purpose: "email_change" } });
  try {
    const sent = await sendEmail(db, { template: "email-change-code", props: { code: issued.code, expiresAt: issued.expiresAt }, to, unionId: member.unionId, codeId: issued.codeId }, { clock });
    return { ok: true, mailSent: sent.delivered };
  } catch (error) {
    if (error instanceof MailRefused) return { ok: false, mailLimit: error.retryAt };
    throw error;
  }
}

export async function requestEmailChange(
  db: Db,
  clock: Clock,
  member: Member,
  input: { email: string; currentPassword: string },
  client: { ip: string },
): Promise<RequestEmailChangeResult> {
  const refused = await checkCurrentPassword(db, clock, member, input.currentPassword);
  if (refused) return refused;
  if (input.email.toLowerCase() === member.email.toLowerCase()) {
    return { ok: false, fieldErrors: { email: "現在と同じメールアドレスです。新しいメールアドレスを入力してください。" } };
  }
  return issueAndMail(db, clock, member, input.email, client, false);
}

export async function confirmEmailChange(db: Db, clock: Clock, member: Member, code: string, client: { ip: string }): Promise<ChangeResult & { newEmail?: string }> {
  return db.transaction(async (tx) => {
    const verified = await verifyCode(tx, clock, { purpose: "email_change", subject: memberSubject(member.id), code });
    if (!verified.ok) return { ok: false, fieldErrors: { code: codeMessage(verified) } };
    await tx.update(members).set({ email: verified.email }).where(eq(members.id, member.id));
    await audit(tx, clock, { event: "email.changed", actorType: "member", actorId: member.id, unionId: member.unionId, ip: client.ip });
    const id = await enqueueEmailOrSkip(tx, { template: "email-changed-notice", props: { changedAt: clock.now(), newEmail: maskEmail(verified.email) }, to: member.email, unionId: member.unionId }, { clock });
    return { ok: true, outboxIds: id == null ? [] : [id], newEmail: verified.email };
  });
}

/** The address of the newest unfinished change in the last hour (for the code page), or null. */
export async function pendingEmailChange(db: Db, clock: Clock, memberId: number): Promise<string | null> {
  const rows = await db.execute(sql`
    select email, closed_reason from one_time_codes
     where purpose = 'email_change' and subject = ${memberSubject(memberId)} and issued_at > ${new Date(clock.now().getTime() - 3_600_000).toISOString()}
     order by issued_at desc limit 1`);
  const [row] = rowsOf<{ email: string; closed_reason: string | null }>(rows);
  return row && row.closed_reason !== "used" ? row.email : null;
}

export async function resendEmailChangeCode(db: Db, clock: Clock, member: Member, client: { ip: string }): Promise<CodeMailResult | null> {
  const to = await pendingEmailChange(db, clock, member.id);
  if (!to) return null;
  return issueAndMail(db, clock, member, to, client, true);
}
