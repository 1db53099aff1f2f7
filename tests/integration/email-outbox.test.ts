import { eq, sql } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { devMailbox, emailOutbox } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { MINUTE, testClock } from "@/lib/clock";
import { LEASE_MS, MAX_ATTEMPTS, claimDue } from "@/lib/email/claim";
import { deliverDue, recordResult } from "@/lib/email/deliver";
import { listMailbox } from "@/lib/email/mailbox";
import { enqueueEmail, type EmailInput } from "@/lib/email/outbox";
import { sendEmail } from "@/lib/email/send";
import { mailboxTransport, type EmailTransport, type OutgoingEmail } from "@/lib/email/transport";
import { describeEachDatabase } from "../support/databases";

const union = { name: "テスト健康保険組合", callCenterPhone: "03-0000-0000", callCenterHours: "平日 9時〜17時", supportEmail: "help@kenpo.example.jp" };
const FROM = "noreply@kenpo.example.jp";

const signupMail = (to: string, code = "123456"): EmailInput => ({
  template: "signup-code",
  props: { union, code },
  to,
  from: FROM,
});

/** A transport that fails on demand and counts what it was asked to send. */
function scriptedTransport(fail: (email: OutgoingEmail) => false | { permanent: boolean }): EmailTransport & { calls: OutgoingEmail[] } {
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

describeEachDatabase("email outbox", (t) => {
  beforeEach(async () => {
    await t.db.delete(devMailbox);
    await t.db.delete(emailOutbox);
  });

  const row = async (id: number) => (await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

  it("queues a rendered email and delivers it to the built-in mailbox", async () => {
    const clock = testClock();
    const { id } = await enqueueEmail(t.db, signupMail("Taro@Example.com", "654321"), { clock });
    const queued = await row(id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0, toAddress: "Taro@Example.com", template: "signup-code" });
    expect(queued.subject).toContain("認証番号");
    expect(queued.nextAttemptAt.toISOString()).toBe(clock.now().toISOString());

    const summary = await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) });
    expect(summary).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.providerId).toMatch(/^mailbox-\d+$/);
    expect(sent.sentAt?.toISOString()).toBe(clock.now().toISOString());

    // Addresses match case-blind; the code is in the text part.
    const [mail] = await listMailbox(t.db, { to: "taro@example.COM" });
    expect(mail).toMatchObject({ outboxId: id, to: "Taro@Example.com", from: FROM, subject: queued.subject });
    expect(mail.text.split("\n")).toContain("654321");
  });

  it("lists the mailbox newest first and filters by address", async () => {
    const clock = testClock();
    const transport = mailboxTransport(t.db, { clock });
    for (const [to, code] of [["a@example.com", "111111"], ["b@example.com", "222222"], ["a@example.com", "333333"]]) {
      await enqueueEmail(t.db, signupMail(to, code), { clock });
      await deliverDue(t.db, { clock, transport });
      clock.advance(MINUTE);
    }
    const forA = await listMailbox(t.db, { to: "A@example.com" });
    expect(forA.map((m) => m.text.includes("333333"))).toEqual([true, false]);
    expect((await listMailbox(t.db)).length).toBe(3);
  });

  it("takes the footer and sender from the union when given a unionId", async () => {
    const u = await createUnion(t.db, { senderEmail: "mail@kumiai.example.jp" });
    const { id } = await enqueueEmail(t.db, { template: "forgot-user-id", props: { userId: "abc-123" }, to: "m@example.com", unionId: u.id });
    const r = await row(id);
    expect(r.unionId).toBe(u.id);
    expect(r.fromAddress).toBe(`"${u.name}" <mail@kumiai.example.jp>`);
    expect(r.subject).toContain(u.name);
    expect(r.text).toContain(u.callCenterPhone!);
    expect(r.text.split("\n")).toContain("abc-123");
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueEmail(tx, signupMail("rollback@example.com"));
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);
  });

  it("keeps a failed send for a retry with backoff, then delivers it", async () => {
    const clock = testClock();
    let failing = true;
    const transport = scriptedTransport(() => failing && { permanent: false });
    const { id } = await enqueueEmail(t.db, signupMail("retry@example.com"), { clock });

    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ claimed: 1, retrying: 1 });
    const pending = await row(id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastError: "scripted failure" });
    expect(pending.nextAttemptAt.getTime()).toBe(clock.now().getTime() + MINUTE);

    // Not due yet: nothing is claimed.
    clock.advance(MINUTE - 1000);
    expect((await deliverDue(t.db, { clock, transport })).claimed).toBe(0);

    failing = false;
    clock.advance(1000);
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, lastError: null, providerId: `p-${id}` });
    expect(transport.calls).toHaveLength(2);
    // Both attempts carry the same idempotency key.
    expect(new Set(transport.calls.map((c) => c.idempotencyKey)).size).toBe(1);
  });

  it("gives up with status failed after the maximum number of attempts", async () => {
    const clock = testClock();
    const transport = scriptedTransport(() => ({ permanent: false }));
    const { id } = await enqueueEmail(t.db, signupMail("never@example.com"), { clock });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect((await deliverDue(t.db, { clock, transport })).claimed).toBe(1);
      clock.advance(2 * 60 * MINUTE);
    }
    expect(await row(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "scripted failure" });
    clock.advance(24 * 60 * MINUTE);
    expect((await deliverDue(t.db, { clock, transport })).claimed).toBe(0);
    expect(transport.calls).toHaveLength(MAX_ATTEMPTS);
  });

  it("fails at once when the provider calls the message itself invalid", async () => {
    const clock = testClock();
    const { id } = await enqueueEmail(t.db, signupMail("invalid@example.com"), { clock });
    const summary = await deliverDue(t.db, { clock, transport: scriptedTransport(() => ({ permanent: true })) });
    expect(summary).toMatchObject({ claimed: 1, failed: 1 });
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 1 });
  });

  it("makes a row stuck in sending due again when its lease runs out, and fences the old sender", async () => {
    const clock = testClock();
    const { id } = await enqueueEmail(t.db, signupMail("crash@example.com"), { clock });
    // A sender claims the row and dies before sending.
    const [stale] = await claimDue(t.db, { clock });
    expect(stale).toMatchObject({ id, status: "sending", attempts: 1 });

    const transport = mailboxTransport(t.db, { clock });
    expect((await deliverDue(t.db, { clock, transport })).claimed).toBe(0);
    clock.advance(LEASE_MS);
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ claimed: 1, sent: 1 });
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });

    // The old sender comes back to life: its outcome must not overwrite the new one.
    const late = await recordResult(t.db, stale, { ok: false, error: "late", permanent: false }, { now: clock.now(), maxAttempts: MAX_ATTEMPTS });
    expect(late).toBeNull();
    expect(await row(id)).toMatchObject({ status: "sent", lastError: null });
    expect(await t.db.select().from(devMailbox)).toHaveLength(1);
  });

  it("fails a row whose lease ran out on its last attempt", async () => {
    const clock = testClock();
    const { id } = await enqueueEmail(t.db, signupMail("last@example.com"), { clock });
    await t.db.update(emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(emailOutbox.id, id));
    await claimDue(t.db, { clock });
    clock.advance(LEASE_MS);
    expect((await deliverDue(t.db, { clock, transport: mailboxTransport(t.db) })).claimed).toBe(0);
    expect(await row(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect((await row(id)).lastError).toContain("lease expired");
  });

  it("hands unsent rows back when a slow batch has used half its lease", async () => {
    const clock = testClock();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueueEmail(t.db, signupMail(`slow${i}@example.com`), { clock })).id);
    const mailbox = mailboxTransport(t.db, { clock });
    const slow: EmailTransport = {
      name: "slow",
      async send(email) {
        clock.advance(LEASE_MS / 2 + 1);
        return mailbox.send(email);
      },
    };
    expect(await deliverDue(t.db, { clock, transport: slow, limit: 3 })).toMatchObject({ claimed: 3, sent: 1, released: 2 });
    // Given back as if never tried, and due at once for the next sender.
    expect(await row(ids[1])).toMatchObject({ status: "pending", attempts: 0 });
    expect((await row(ids[2])).nextAttemptAt.getTime()).toBe(clock.now().getTime());
    expect(await deliverDue(t.db, { clock, transport: mailbox })).toMatchObject({ claimed: 2, sent: 2 });
  });

  it("never delivers a row twice when several senders run at once", async () => {
    const clock = testClock();
    const total = 40;
    for (let i = 0; i < total; i++) await enqueueEmail(t.db, signupMail(`many${i}@example.com`), { clock });

    const mailbox = mailboxTransport(t.db, { clock });
    const calls = new Map<number, number>();
    const transport: EmailTransport = {
      name: "counting",
      async send(email) {
        calls.set(email.outboxId, (calls.get(email.outboxId) ?? 0) + 1);
        // Yield so the other senders' claims interleave with this send.
        await new Promise((resolve) => setImmediate(resolve));
        return mailbox.send(email);
      },
    };
    const sender = async () => {
      let sent = 0;
      for (;;) {
        const s = await deliverDue(t.db, { clock, transport, limit: 3 });
        if (s.claimed === 0) return sent;
        sent += s.sent;
      }
    };
    const perSender = await Promise.all([sender(), sender(), sender(), sender()]);

    expect(perSender.reduce((a, b) => a + b, 0)).toBe(total);
    expect(calls.size).toBe(total);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    const [{ n }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(devMailbox);
    expect(n).toBe(total);
    const statuses = await t.db.select({ status: emailOutbox.status, attempts: emailOutbox.attempts }).from(emailOutbox);
    expect(statuses.every((s) => s.status === "sent" && s.attempts === 1)).toBe(true);
  });

  it("sendEmail delivers at once and says so", async () => {
    const clock = testClock();
    const result = await sendEmail(t.db, signupMail("now@example.com", "246810"), { clock, transport: mailboxTransport(t.db, { clock }) });
    expect(result).toMatchObject({ delivered: true, status: "sent" });
    const [mail] = await listMailbox(t.db, { to: "now@example.com" });
    expect(mail.outboxId).toBe(result.outboxId);
  });

  it("sendEmail reports a failed first try and leaves the row for the retry", async () => {
    const clock = testClock();
    const result = await sendEmail(t.db, signupMail("later@example.com"), { clock, transport: scriptedTransport(() => ({ permanent: false })) });
    expect(result).toMatchObject({ delivered: false, status: "retrying" });
    expect(await row(result.outboxId)).toMatchObject({ status: "pending", attempts: 1 });

    clock.advance(MINUTE);
    expect((await deliverDue(t.db, { clock, transport: mailboxTransport(t.db, { clock }) })).sent).toBe(1);
  });

  it("sendEmail does not throw when the transport does", async () => {
    const clock = testClock();
    const exploding: EmailTransport = { name: "exploding", send: async () => Promise.reject(new Error("socket hang up")) };
    const result = await sendEmail(t.db, signupMail("boom@example.com"), { clock, transport: exploding });
    expect(result.delivered).toBe(false);
    expect((await row(result.outboxId)).lastError).toContain("socket hang up");
  });
});
