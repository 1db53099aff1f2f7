// Issue 7, faults: Resend answering 500, 429 and timing out (tests/support/fake-resend.ts, reached
// through RESEND_BASE_URL as in production). The outbox retries with back-off and the same
// idempotency key, no mail is delivered twice (the fake counts by key), and the sign-up and forgot
// flows report "sent" only for mail that was actually delivered (sign-up) or queued (forgot).
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { emailOutbox } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { requestUserIdReminder } from "@/lib/account/forgot-id";
import { requestPasswordReset } from "@/lib/account/forgot-password";
import { LIMITS } from "@/lib/auth/throttle";
import { MINUTE, HOUR, testClock, type Clock } from "@/lib/clock";
import { CODE_POLICY } from "@/lib/codes/policy";
import { deliverDue, deliverOne, idempotencyKey } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/outbox";
import { resendTransport, transportFromEnv } from "@/lib/email/transport";
import { matchRoster } from "@/lib/signup/match-roster";
import { findSignupRequest } from "@/lib/signup/request";
import { saveAccount } from "@/lib/signup/save-account";
import { sendSignupCode } from "@/lib/signup/send-code";
import { accountSchema, rosterMatchSchema } from "@/lib/signup/schemas";
import { describeEachDatabase } from "../support/databases";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

// Real mail, through the fake: every sender in lib/ picks Resend from the environment.
const state = vi.hoisted(() => ({ url: "" }));
vi.mock("@/lib/env", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/env")>();
  return {
    ...real,
    env: () => ({ ...real.env(), RESEND_API_KEY: "re_fault_test", RESEND_BASE_URL: state.url, EMAIL_FROM: "noreply@kenpo.example.jp" }),
    mailboxMode: () => false,
  };
});

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
  state.url = fake.url;
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

const hex = (n: number) => crypto.randomBytes(n).toString("hex");
const newIp = () => `100.64.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const newAddress = () => `fault-${hex(4)}@example.jp`;

describeEachDatabase("mail under Resend faults", (t) => {
  const row = async (id: number) => (await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0];
  const rowsTo = (to: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to));
  const keysOf = (to: string) => fake.requests.filter((r) => r.body.to === to || (Array.isArray(r.body.to) && r.body.to.includes(to))).map((r) => r.idempotencyKey);
  const deliver = (clock: Clock) => deliverDue(t.db, { clock, transport: transportFromEnv(t.db) });

  const readySignup = async (clock: Clock) => {
    const union = await createUnion(t.db);
    const entry = await createRosterEntry(t.db, { unionId: union.id });
    const typed = rosterMatchSchema.parse({ insurerCode: union.code, symbol: entry.symbol, number: entry.number, birthDate: entry.birthDate, kanaName: entry.kanaName });
    const matched = await matchRoster(t.db, clock, typed, { ip: newIp() });
    if (!matched.ok) throw new Error(matched.reason);
    return { token: matched.token, request: (await findSignupRequest(t.db, clock, matched.token))! };
  };
  const account = (email: string) => accountSchema.parse({ userId: `user_${hex(4)}`, email, password: DEFAULT_PASSWORD, passwordConfirm: DEFAULT_PASSWORD });

  it("Resend 500 on a sign-up code: the member is told it was not sent; the retry after the back-off sends it once, with the same key", async () => {
    const clock = testClock();
    const { request } = await readySignup(clock);
    const to = newAddress();
    fake.fail(1, 500, "internal_server_error");
    expect(await saveAccount(t.db, clock, request, account(to), { ip: newIp() })).toMatchObject({ ok: true, mailSent: false });
    const [queued] = await rowsTo(to);
    expect(queued).toMatchObject({ status: "pending", attempts: 1 });
    expect(queued.lastError).toContain("500");
    expect(queued.nextAttemptAt.getTime()).toBe(clock.now().getTime() + MINUTE);
    expect(fake.sent).toHaveLength(0);

    clock.advance(MINUTE / 2);
    expect((await deliver(clock)).claimed).toBe(0);
    clock.advance(MINUTE / 2);
    expect(await deliver(clock)).toMatchObject({ claimed: 1, sent: 1 });
    expect(keysOf(to)).toEqual([idempotencyKey(queued), idempotencyKey(queued)]);
    expect(fake.sent).toHaveLength(1);
    expect(await row(queued.id)).toMatchObject({ status: "sent", attempts: 2, text: "", html: "" });
  });

  it("Resend 429 on a resend: backs off 1, then 2 minutes, then sends once; the page said not sent", async () => {
    const clock = testClock();
    const { request } = await readySignup(clock);
    const to = newAddress();
    await saveAccount(t.db, clock, request, account(to), { ip: newIp() });
    expect(fake.sent).toHaveLength(1);
    clock.advance(CODE_POLICY.cooldownMs);

    fake.fail(2, 429, "rate_limit_exceeded");
    expect(await sendSignupCode(t.db, clock, { ...request, email: to }, { ip: newIp() })).toMatchObject({ ok: true, mailSent: false });
    const resent = (await rowsTo(to)).find((r) => r.status === "pending")!;
    expect(resent.nextAttemptAt.getTime()).toBe(clock.now().getTime() + MINUTE);

    clock.advance(MINUTE);
    expect(await deliver(clock)).toMatchObject({ retrying: 1 });
    expect((await row(resent.id)).nextAttemptAt.getTime()).toBe(clock.now().getTime() + 2 * MINUTE);
    clock.advance(2 * MINUTE);
    expect(await deliver(clock)).toMatchObject({ sent: 1 });
    const key = idempotencyKey(resent);
    expect(fake.requests.filter((r) => r.idempotencyKey === key)).toHaveLength(3);
    expect(fake.sent.filter((r) => r.idempotencyKey === key)).toHaveLength(1);
    expect(fake.sent).toHaveLength(2);
  });

  it("a timed-out send that Resend did deliver is retried with the same key and not delivered twice", async () => {
    const clock = testClock();
    const u = await createUnion(t.db);
    const to = newAddress();
    const { id } = await enqueueEmail(t.db, { template: "forgot-user-id", props: { userId: "abc-123" }, to, unionId: u.id }, { clock });
    // The transport's own timeout, short for the test (production: 15 s, below the lease).
    const transport = resendTransport({ apiKey: "re_fault_test", baseUrl: fake.url, timeoutMs: 300 });
    fake.hang(1);
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ retrying: 1 });
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect(fake.sent).toHaveLength(1);

    clock.advance(MINUTE);
    expect(await deliverDue(t.db, { clock, transport })).toMatchObject({ sent: 1 });
    expect(fake.requests.map((r) => r.idempotencyKey)).toEqual([idempotencyKey(await row(id)), idempotencyKey(await row(id))]);
    expect(fake.sent).toHaveLength(1);
  });

  it("several senders through a mix of 500s, 429s and time-outs deliver every mail exactly once", async () => {
    const clock = testClock();
    const u = await createUnion(t.db);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await enqueueEmail(t.db, { template: "forgot-user-id", props: { userId: `id-${i}` }, to: newAddress(), unionId: u.id }, { clock })).id);
    const transport = resendTransport({ apiKey: "re_fault_test", baseUrl: fake.url, timeoutMs: 300 });
    const faults = [() => fake.fail(2, 500), () => fake.fail(2, 429, "rate_limit_exceeded"), () => fake.hang(2)];
    // Six rounds with faults, then two clean ones; each round is two senders at once.
    for (let round = 0; round < 8; round++) {
      if (round < 6) faults[round % faults.length]();
      await Promise.all([deliverDue(t.db, { clock, transport, limit: 2 }), deliverDue(t.db, { clock, transport, limit: 2 })]);
      clock.advance(HOUR);
    }
    const rows = await Promise.all(ids.map(row));
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const keys = rows.map(idempotencyKey);
    expect(new Set(fake.sent.map((r) => r.idempotencyKey))).toEqual(new Set(keys));
    expect(fake.sent).toHaveLength(ids.length);
    expect(fake.requests.length).toBeGreaterThan(ids.length);
  });

  it("forgot password under a 500: the code mail is queued (so the page may say sent) and goes out once on the retry", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const result = await requestPasswordReset(t.db, clock, { userId: m.userId, email: m.email }, { ip: newIp() });
    expect(result).toEqual({ throttled: false, outboxIds: [expect.any(Number)] });
    fake.fail(1, 500);
    expect(await deliverOne(t.db, result.outboxIds[0], { clock, transport: transportFromEnv(t.db) })).toBe("retrying");
    clock.advance(MINUTE);
    expect(await deliver(clock)).toMatchObject({ sent: 1 });
    expect(fake.sent).toHaveLength(1);
    expect(new Set(fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("when the outbox refuses a mail, sign-up and forgot password and forgot ID do not report it as sent", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    // Fill the outbox backstop for the member's address with notices (as only their own account could).
    for (let i = 0; i < LIMITS.outboxPerRecipient.limit; i++) {
      await enqueueEmail(t.db, { template: "password-changed-notice", props: { changedAt: clock.now() }, to: m.email, unionId: m.unionId }, { clock });
    }
    const before = (await rowsTo(m.email)).length;
    expect(await requestPasswordReset(t.db, clock, { userId: m.userId, email: m.email }, { ip: newIp() })).toEqual({ throttled: true, outboxIds: [] });
    expect(await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).toEqual({ throttled: true, outboxIds: [] });
    const { request } = await readySignup(clock);
    expect(await saveAccount(t.db, clock, request, account(m.email), { ip: newIp() })).toEqual({ ok: false, mailLimit: expect.any(Date) });
    expect(await rowsTo(m.email)).toHaveLength(before);
  });
});
