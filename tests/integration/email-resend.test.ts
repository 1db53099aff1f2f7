import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { MINUTE, testClock } from "@/lib/clock";
import { LEASE_MS, claimDue } from "@/lib/email/claim";
import { deliverDue, idempotencyKey } from "@/lib/email/deliver";
import { enqueueEmail, type EmailInput } from "@/lib/email/outbox";
import { resendTransport, type OutgoingEmail } from "@/lib/email/transport";
import { describeEachDatabase } from "../support/databases";
import { startFakeResend, type FakeResend } from "../support/fake-resend";

const union = { name: "テスト健康保険組合", callCenterPhone: "03-0000-0000" };
const mail = (to: string, code = "135790"): EmailInput => ({
  template: "password-reset-code",
  props: { union, code },
  to,
  from: '"テスト健康保険組合" <noreply@kenpo.example.jp>',
});

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const outgoing = (over: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  outboxId: 1,
  idempotencyKey: "outbox-1-0",
  from: "noreply@kenpo.example.jp",
  to: "member@example.com",
  subject: "件名",
  html: "<p>本文</p>",
  text: "本文\n",
  ...over,
});

describe("resendTransport", () => {
  it("posts the message to RESEND_BASE_URL with the key and the idempotency key", async () => {
    const transport = resendTransport({ apiKey: "re_test_123", baseUrl: `${fake.url}/` });
    const result = await transport.send(outgoing());
    expect(result).toMatchObject({ ok: true, providerId: expect.any(String) });
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req.idempotencyKey).toBe("outbox-1-0");
    expect(req.authorization).toBe("Bearer re_test_123");
    expect(req.body).toMatchObject({ from: "noreply@kenpo.example.jp", to: "member@example.com", subject: "件名", html: "<p>本文</p>", text: "本文\n" });
  });

  it("reports a server error as worth retrying and a validation error as permanent", async () => {
    const transport = resendTransport({ apiKey: "re_test", baseUrl: fake.url });
    fake.fail(1, 500, "internal_server_error");
    expect(await transport.send(outgoing())).toMatchObject({ ok: false, permanent: false, error: expect.stringContaining("500") });
    fake.fail(1, 429, "rate_limit_exceeded");
    expect(await transport.send(outgoing())).toMatchObject({ ok: false, permanent: false });
    fake.fail(1, 422, "validation_error");
    expect(await transport.send(outgoing())).toMatchObject({ ok: false, permanent: true });
  });

  it("reports an unreachable provider as worth retrying", async () => {
    const transport = resendTransport({ apiKey: "re_test", baseUrl: "http://127.0.0.1:9" });
    expect(await transport.send(outgoing())).toMatchObject({ ok: false, permanent: false });
  });
});

describeEachDatabase("delivery through Resend", (t) => {
  beforeEach(async () => {
    await t.db.delete(emailOutbox);
  });
  const row = async (id: number) => (await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];

  it("sends the rendered row and stores Resend's id", async () => {
    const clock = testClock();
    const { id } = await enqueueEmail(t.db, mail("Member@Example.com", "975310"), { clock });
    const summary = await deliverDue(t.db, { clock, transport: resendTransport({ apiKey: "re_test", baseUrl: fake.url }) });
    expect(summary.sent).toBe(1);
    const r = await row(id);
    expect(fake.sent).toHaveLength(1);
    expect(r.providerId).toBeTruthy();
    const [req] = fake.sent;
    expect(req.idempotencyKey).toBe(idempotencyKey(r));
    expect(req.body.subject).toBe(r.subject);
    expect(req.body.text).toContain("975310");
    expect(req.body.html).toContain("975310");
  });

  it("retries after a provider failure with the same idempotency key", async () => {
    const clock = testClock();
    const transport = resendTransport({ apiKey: "re_test", baseUrl: fake.url });
    const { id } = await enqueueEmail(t.db, mail("retry@example.com"), { clock });
    fake.fail(1, 503, "application_error");
    expect((await deliverDue(t.db, { clock, transport })).retrying).toBe(1);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await row(id)).lastError).toContain("503");

    clock.advance(MINUTE);
    expect((await deliverDue(t.db, { clock, transport })).sent).toBe(1);
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([idempotencyKey(await row(id)), idempotencyKey(await row(id))]);
    expect(fake.sent).toHaveLength(1);
  });

  it("sends one email when a sender dies after sending and the lease runs out", async () => {
    const clock = testClock();
    const transport = resendTransport({ apiKey: "re_test", baseUrl: fake.url });
    const { id } = await enqueueEmail(t.db, mail("once@example.com"), { clock });
    // Sender A claims and sends, then crashes before recording the result.
    const [claimed] = await claimDue(t.db, { clock });
    await transport.send({ ...claimed, outboxId: claimed.id, idempotencyKey: idempotencyKey(claimed), from: claimed.fromAddress, to: claimed.toAddress });

    clock.advance(LEASE_MS);
    expect((await deliverDue(t.db, { clock, transport })).sent).toBe(1);
    expect(fake.requests).toHaveLength(2);
    expect(fake.sent).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
