// Issue 7, "Live codes readable in the database": a code mail (sign-up, password reset, email
// change) keeps no readable 認証番号 in email_outbox once it is sent or given up; a code mail whose
// code expired or was replaced before delivery is given up, not sent; sent and failed rows are
// pruned after OUTBOX_RETENTION_MS. The built-in mailbox (dev_mailbox) keeps its copy on purpose.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { devMailbox, emailOutbox, oneTimeCodes } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { requestEmailChange } from "@/lib/account/change-email";
import { requestPasswordReset } from "@/lib/account/forgot-password";
import { MINUTE, testClock, type Clock } from "@/lib/clock";
import { issueCode } from "@/lib/codes/issue-code";
import { CODE_POLICY } from "@/lib/codes/policy";
import { LEASE_MS, MAX_ATTEMPTS, claimDue } from "@/lib/email/claim";
import { GAVE_UP_DEAD_CODE } from "@/lib/email/code-mail";
import { deliverDue } from "@/lib/email/deliver";
import { listMailbox } from "@/lib/email/mailbox";
import { enqueueEmail } from "@/lib/email/outbox";
import { OUTBOX_RETENTION_MS } from "@/lib/email/retention";
import { mailboxTransport, type EmailTransport, type OutgoingEmail } from "@/lib/email/transport";
import { housekeeping } from "@/lib/housekeeping";
import { describeEachDatabase } from "../support/databases";
import { codeFromMail } from "../support/mail";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const union = { name: "テスト健康保険組合" };
const hex = (n: number) => crypto.randomBytes(n).toString("hex");
const newAddress = () => `code-${hex(4)}@example.jp`;
const newIp = () => `198.18.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

function scripted(fail: (email: OutgoingEmail) => false | { permanent: boolean }): EmailTransport & { calls: OutgoingEmail[] } {
  const calls: OutgoingEmail[] = [];
  return {
    name: "scripted",
    calls,
    async send(email) {
      calls.push(email);
      const f = fail(email);
      return f ? { ok: false, error: "scripted failure", permanent: f.permanent } : { ok: true, providerId: `p-${email.outboxId}` };
    },
  };
}

describeEachDatabase("code mails in the outbox", (t) => {
  beforeEach(async () => {
    await t.db.delete(devMailbox);
    await t.db.delete(emailOutbox);
  });
  const row = async (id: number) => (await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
  /** A live code and its queued mail, as the sign-up flow makes them. */
  const queueCode = async (clock: Clock, to = newAddress(), subject = `signup:t-${hex(6)}`) => {
    const issued = await issueCode(t.db, clock, { purpose: "signup", subject, email: to });
    if (!issued.ok) throw new Error(issued.reason);
    const { id } = await enqueueEmail(t.db, { template: "signup-code", props: { union, code: issued.code, expiresAt: issued.expiresAt }, to, from: "noreply@example.jp", codeId: issued.codeId }, { clock });
    return { id, to, subject, ...issued };
  };
  const noCodeIn = (r: object, code: string) => expect(Object.values(r).map(String).join("|")).not.toContain(code);

  it("clears the text and html of a code mail once sent, keeping subject, template and metadata; the mailbox keeps its copy", async () => {
    const clock = testClock();
    const mail = await queueCode(clock);
    expect((await row(mail.id)).text).toContain(mail.code);
    expect(await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) })).toMatchObject({ sent: 1 });

    const sent = await row(mail.id);
    expect(sent).toMatchObject({ status: "sent", text: "", html: "", template: "signup-code", codeId: mail.codeId, toAddress: mail.to });
    expect(sent.subject).toContain("認証番号");
    expect(sent.sentAt).not.toBeNull();
    noCodeIn(sent, mail.code);
    // The dev/preview mailbox is the members' inbox stand-in: it keeps the code.
    const [copy] = await listMailbox(t.db, { to: mail.to });
    expect(codeFromMail(copy.text)).toBe(mail.code);
  });

  it("keeps the body of a mail without a code", async () => {
    const clock = testClock();
    const u = await createUnion(t.db);
    const { id } = await enqueueEmail(t.db, { template: "forgot-user-id", props: { userId: "abc-123" }, to: newAddress(), unionId: u.id }, { clock });
    await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) });
    expect((await row(id)).text.split("\n")).toContain("abc-123");
  });

  it("links the password-reset and email-change code mails to their codes, and clears them once sent", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const reset = await requestPasswordReset(t.db, clock, { userId: m.userId, email: m.email }, { ip: newIp() });
    const to = newAddress();
    expect(await requestEmailChange(t.db, clock, m.member, { email: to, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() })).toMatchObject({ ok: true, mailSent: true });
    await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) });
    const rows = await t.db.select().from(emailOutbox);
    expect(rows.map((r) => r.template).sort()).toEqual(["email-change-code", "password-reset-code"]);
    for (const r of rows) expect(r, r.template).toMatchObject({ status: "sent", text: "", html: "", codeId: expect.any(Number) });
    expect(rows.find((r) => r.template === "password-reset-code")!.id).toBe(reset.outboxIds[0]);
  });

  it("clears the body of a code mail given up: refused as invalid, out of attempts, or a lease lost on the last attempt", async () => {
    const clock = testClock();
    const invalid = await queueCode(clock);
    await deliverDue(t.db, { clock, transport: scripted(() => ({ permanent: true })) });
    expect(await row(invalid.id)).toMatchObject({ status: "failed", text: "", html: "" });

    const tired = await queueCode(clock);
    await t.db.update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(emailOutbox.id, tired.id));
    await deliverDue(t.db, { clock, transport: scripted(() => ({ permanent: false })) });
    expect(await row(tired.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, text: "", html: "" });

    const crashed = await queueCode(clock);
    await t.db.update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(emailOutbox.id, crashed.id));
    await claimDue(t.db, { clock });
    clock.advance(LEASE_MS);
    await claimDue(t.db, { clock });
    expect(await row(crashed.id)).toMatchObject({ status: "failed", text: "", html: "" });
  });

  it("gives up a code mail whose code expired before it could be delivered: no 認証番号 after its 10 minutes", async () => {
    const clock = testClock();
    let failing = true;
    const transport = scripted(() => failing && { permanent: false });
    const late = await queueCode(clock);
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ retrying: 1 });

    // The provider heals at 9:59: the mail still goes.
    const onTime = await queueCode(clock);
    await deliverDue(t.db, { clock, transport });
    failing = false;
    clock.advance(CODE_POLICY.ttlMs - 1000);
    await t.db.update(emailOutbox).set({ nextAttemptAt: clock.now() }).where(eq(emailOutbox.id, onTime.id));
    await t.db.update(emailOutbox).set({ nextAttemptAt: new Date(clock.now().getTime() + 2000) }).where(eq(emailOutbox.id, late.id));
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ claimed: 1, sent: 1 });
    expect((await row(onTime.id)).status).toBe("sent");

    // At 10:01 the other one is due again, but its code is dead: given up, body cleared, not sent.
    clock.advance(2000);
    const callsBefore = transport.calls.length;
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ claimed: 0 });
    expect(transport.calls).toHaveLength(callsBefore);
    expect(await row(late.id)).toMatchObject({ status: "failed", text: "", html: "", lastError: GAVE_UP_DEAD_CODE });
    expect(await listMailbox(t.db, { to: late.to })).toHaveLength(0);
  });

  it("gives up a code mail whose code was replaced before delivery, even while it waits out a back-off", async () => {
    const clock = testClock();
    const to = newAddress();
    const subject = `signup:t-${hex(6)}`;
    const first = await queueCode(clock, to, subject);
    await deliverDue(t.db, { clock, transport: scripted(() => ({ permanent: false })) });
    expect((await row(first.id)).status).toBe("pending");

    clock.advance(CODE_POLICY.cooldownMs);
    const second = await queueCode(clock, to, subject);
    // The first row's retry is not due yet (back-off), but its body goes at the next sweep.
    await t.db.update(emailOutbox).set({ nextAttemptAt: new Date(clock.now().getTime() + 30 * MINUTE) }).where(eq(emailOutbox.id, first.id));
    expect(await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(first.id)).toMatchObject({ status: "failed", text: "", html: "", lastError: GAVE_UP_DEAD_CODE });
    const mails = await listMailbox(t.db, { to });
    expect(mails.map((m) => codeFromMail(m.text))).toEqual([second.code]);
  });

  it("checks the code again just before sending: a code that dies during a batch is not sent", async () => {
    const clock = testClock();
    const a = await queueCode(clock);
    const b = await queueCode(clock);
    const mailbox = mailboxTransport(t.db, { clock });
    const transport: EmailTransport = {
      name: "closing",
      async send(email) {
        // While the first mail is on its way, the member resends (or uses) b's code elsewhere.
        if (email.outboxId === a.id) await t.db.update(oneTimeCodes).set({ closedAt: clock.now(), closedReason: "superseded" }).where(eq(oneTimeCodes.id, b.codeId));
        return mailbox.send(email);
      },
    };
    expect(await deliverDue(t.db, { clock, transport, limit: 5 })).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
    expect(await row(b.id)).toMatchObject({ status: "failed", text: "", html: "", lastError: GAVE_UP_DEAD_CODE });
    expect(await listMailbox(t.db, { to: b.to })).toHaveLength(0);
  });

  it(`prunes sent and failed rows ${OUTBOX_RETENTION_MS / 86_400_000} days after they were queued; pending rows stay`, async () => {
    const clock = testClock();
    const u = await createUnion(t.db);
    const notice = () => enqueueEmail(t.db, { template: "forgot-user-id", props: { userId: "abc-123" }, to: newAddress(), unionId: u.id }, { clock });
    const sent = await notice();
    await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) });
    const failed = await notice();
    await deliverDue(t.db, { clock, transport: scripted(() => ({ permanent: true })) });
    const pending = await notice();
    await t.db.update(emailOutbox).set({ nextAttemptAt: new Date(clock.now().getTime() + 365 * 86_400_000) }).where(eq(emailOutbox.id, pending.id));

    clock.advance(OUTBOX_RETENTION_MS - MINUTE);
    const young = await notice();
    await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) });
    expect(await housekeeping(t.db, clock)).toMatchObject({ outbox: 0 });

    clock.advance(2 * MINUTE);
    expect(await housekeeping(t.db, clock)).toMatchObject({ outbox: 2 });
    const left = (await t.db.select({ id: emailOutbox.id }).from(emailOutbox)).map((r) => r.id).sort((x, y) => x - y);
    expect(left).toEqual([pending.id, young.id]);
    expect([sent.id, failed.id].some((id) => left.includes(id))).toBe(false);
  });
});
