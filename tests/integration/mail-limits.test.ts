// Issue 7, "Code mails to anyone": every mail a visitor's request sends is limited per client address
// and per recipient address (case-insensitive), on top of each code's own cool-down and hourly cap;
// the outbox refuses more than its own per-address backstop whatever the caller; a refused mail is
// never reported as sent. Counted before judged, so parallel bursts queue at most the limit.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog, emailOutbox, members, signupRequests, unions } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { requestUserIdReminder } from "@/lib/account/forgot-id";
import { requestPasswordReset } from "@/lib/account/forgot-password";
import { requestEmailChange, resendEmailChangeCode } from "@/lib/account/change-email";
import { login } from "@/lib/auth/login";
import { LIMITS } from "@/lib/auth/throttle";
import { HOUR, MINUTE, testClock, type Clock } from "@/lib/clock";
import { CODE_POLICY } from "@/lib/codes/policy";
import { MailRefused, enqueueEmail } from "@/lib/email/outbox";
import { sendEmail } from "@/lib/email/send";
import { mailboxTransport } from "@/lib/email/transport";
import { mailLimitMessage } from "@/lib/errors";
import { matchRoster } from "@/lib/signup/match-roster";
import { findSignupRequest } from "@/lib/signup/request";
import { saveAccount } from "@/lib/signup/save-account";
import { sendSignupCode } from "@/lib/signup/send-code";
import { accountSchema, rosterMatchSchema } from "@/lib/signup/schemas";
import { describeEachDatabase } from "../support/databases";
import { mailHelpers } from "../support/mail";
import { createMember, DEFAULT_PASSWORD } from "../support/member-factories";

const hex = (n: number) => crypto.randomBytes(n).toString("hex");
const newIp = () => `203.0.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
const newAddress = () => `victim-${hex(4)}@example.jp`;
const PER_RECIPIENT = LIMITS.mailPerRecipient.limit;
const PER_CLIENT = LIMITS.mailPerClient.limit;
const BACKSTOP = LIMITS.outboxPerRecipient.limit;

describeEachDatabase("mail limits", (t) => {
  const { outboxTo } = mailHelpers(() => t.db);

  /** A sign-up request ready for step 2, for a fresh roster person of one union. */
  const openSignup = async (clock: Clock, unionId?: number) => {
    const union = unionId ? (await t.db.select().from(unions).where(eq(unions.id, unionId)))[0] : await createUnion(t.db);
    const entry = await createRosterEntry(t.db, { unionId: union.id });
    const typed = rosterMatchSchema.parse({ insurerCode: union.code, symbol: entry.symbol, number: entry.number, birthDate: entry.birthDate, kanaName: entry.kanaName });
    const matched = await matchRoster(t.db, clock, typed, { ip: newIp() });
    if (!matched.ok) throw new Error(`match failed: ${matched.reason}`);
    return { union, request: (await findSignupRequest(t.db, clock, matched.token))! };
  };
  const account = (email: string) => accountSchema.parse({ userId: `user_${hex(4)}`, email, password: DEFAULT_PASSWORD, passwordConfirm: DEFAULT_PASSWORD });

  // ---- sign-up code -------------------------------------------------------------------------

  it("sends at most the per-recipient limit of sign-up codes to one address an hour, whatever the request and client, case-blind", async () => {
    const clock = testClock();
    const victim = newAddress();
    const { union } = await openSignup(clock);
    for (let i = 0; i < PER_RECIPIENT; i++) {
      const { request } = await openSignup(clock, union.id);
      const to = i % 2 ? victim.toUpperCase() : victim;
      expect(await saveAccount(t.db, clock, request, account(to), { ip: newIp() }), `code ${i + 1}`).toMatchObject({ ok: true, mailSent: true });
    }
    const { request } = await openSignup(clock, union.id);
    const refused = await saveAccount(t.db, clock, request, account(victim), { ip: newIp() });
    expect(refused).toEqual({ ok: false, mailLimit: expect.any(Date) });
    expect(await outboxTo(victim)).toHaveLength(PER_RECIPIENT);
    // Nothing of the refused step was kept, and the message names when to try again.
    expect((await t.db.select().from(signupRequests).where(eq(signupRequests.id, request.id)))[0].email).toBeNull();
    if (!refused.ok && "mailLimit" in refused) expect(mailLimitMessage(refused.mailLimit)).toContain("以降にもう一度お試しください");

    // Another address is not affected; the victim's inbox opens again once the hour is past.
    expect(await saveAccount(t.db, clock, (await openSignup(clock, union.id)).request, account(newAddress()), { ip: newIp() })).toMatchObject({ ok: true });
    clock.advance(HOUR + MINUTE);
    expect(await saveAccount(t.db, clock, (await openSignup(clock, union.id)).request, account(victim), { ip: newIp() })).toMatchObject({ ok: true, mailSent: true });
  });

  it("counts sign-up code resends against the client's mail allowance", async () => {
    const clock = testClock();
    const ip = newIp();
    const { union } = await openSignup(clock);
    for (let i = 0; i < PER_CLIENT; i++) {
      const { request } = await openSignup(clock, union.id);
      expect(await saveAccount(t.db, clock, request, account(newAddress()), { ip }), `mail ${i + 1}`).toMatchObject({ ok: true });
    }
    const { request } = await openSignup(clock, union.id);
    expect(await saveAccount(t.db, clock, request, account(newAddress()), { ip })).toEqual({ ok: false, mailLimit: expect.any(Date) });

    // A resend from that client is refused too, from another it goes.
    const ready = await openSignup(clock, union.id);
    const to = newAddress();
    await saveAccount(t.db, clock, ready.request, account(to), { ip: newIp() });
    clock.advance(CODE_POLICY.cooldownMs);
    const current = { ...ready.request, email: to };
    expect(await sendSignupCode(t.db, clock, current, { ip })).toEqual({ ok: false, mailLimit: expect.any(Date) });
    expect(await sendSignupCode(t.db, clock, current, { ip: newIp() })).toMatchObject({ ok: true, mailSent: true });
    expect(await outboxTo(to)).toHaveLength(2);
  });

  it("does not use up the allowance for a resend refused by the code's cool-down", async () => {
    const clock = testClock();
    const { request } = await openSignup(clock);
    const to = newAddress();
    const ip = newIp();
    await saveAccount(t.db, clock, request, account(to), { ip });
    const ready = { ...request, email: to };
    for (let i = 0; i < PER_RECIPIENT + 5; i++) expect(await sendSignupCode(t.db, clock, ready, { ip })).toMatchObject({ ok: false, wait: expect.any(Date) });
    clock.advance(CODE_POLICY.cooldownMs);
    expect(await sendSignupCode(t.db, clock, ready, { ip })).toMatchObject({ ok: true, mailSent: true });
  });

  it("queues at most the per-recipient limit when 30 sign-ups mail one address at once", async () => {
    const clock = testClock();
    const victim = newAddress();
    const { union } = await openSignup(clock);
    const requests = [];
    for (let i = 0; i < 30; i++) requests.push((await openSignup(clock, union.id)).request);
    const results = await Promise.all(requests.map((r) => saveAccount(t.db, clock, r, account(victim), { ip: newIp() })));
    expect(results.filter((r) => r.ok)).toHaveLength(PER_RECIPIENT);
    expect(results.filter((r) => !r.ok && "mailLimit" in r)).toHaveLength(30 - PER_RECIPIENT);
    expect(await outboxTo(victim)).toHaveLength(PER_RECIPIENT);
  });

  // ---- forgot ID / password: limited per typed address, the same for known and unknown --------

  it("forgot password: refuses the per-recipient limit's next request for an address, known or not, with the same answer", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const unknown = newAddress();
    for (let i = 0; i < PER_RECIPIENT; i++) {
      await requestPasswordReset(t.db, clock, { userId: m.userId, email: i % 2 ? m.email.toUpperCase() : m.email }, { ip: newIp() });
      await requestPasswordReset(t.db, clock, { userId: `nobody_${hex(3)}`, email: unknown }, { ip: newIp() });
      clock.advance(CODE_POLICY.cooldownMs);
    }
    const known = await requestPasswordReset(t.db, clock, { userId: m.userId, email: m.email }, { ip: newIp() });
    const nobody = await requestPasswordReset(t.db, clock, { userId: `nobody_${hex(3)}`, email: unknown }, { ip: newIp() });
    expect(known).toEqual({ throttled: true, outboxIds: [] });
    expect(nobody).toEqual(known);
    // The code's own hourly cap (5) kept the real mails below the address limit anyway.
    expect((await outboxTo(m.email)).length).toBeLessThanOrEqual(CODE_POLICY.perHour);
  });

  it("forgot ID: refuses the per-recipient limit's next request for an address, known or not, with the same answer", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    const unknown = newAddress();
    for (let i = 0; i < PER_RECIPIENT; i++) {
      expect((await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() })).throttled).toBe(false);
      expect((await requestUserIdReminder(t.db, clock, { email: unknown }, { ip: newIp() })).throttled).toBe(false);
    }
    const known = await requestUserIdReminder(t.db, clock, { email: m.email.toUpperCase() }, { ip: newIp() });
    expect(known).toEqual({ throttled: true, outboxIds: [] });
    expect(await requestUserIdReminder(t.db, clock, { email: unknown }, { ip: newIp() })).toEqual(known);
  });

  // ---- email change ---------------------------------------------------------------------------

  it("email change: at most the per-recipient limit of codes to one new address, from any number of accounts", async () => {
    const clock = testClock();
    const victim = newAddress();
    for (let i = 0; i < PER_RECIPIENT; i++) {
      const m = await createMember(t.db, { clock });
      expect(await requestEmailChange(t.db, clock, m.member, { email: victim, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() }), `code ${i + 1}`).toEqual({ ok: true, mailSent: true });
    }
    const m = await createMember(t.db, { clock });
    expect(await requestEmailChange(t.db, clock, m.member, { email: victim, currentPassword: DEFAULT_PASSWORD }, { ip: newIp() })).toEqual({ ok: false, mailLimit: expect.any(Date) });
    expect(await resendEmailChangeCode(t.db, clock, m.member, { ip: newIp() })).toBeNull();
    expect(await outboxTo(victim)).toHaveLength(PER_RECIPIENT);
  });

  // ---- the account-locked notice ---------------------------------------------------------------

  it("account-locked notice: counted per client and recipient; a refused notice is audited, the lock stands", async () => {
    const clock = testClock();
    const m = await createMember(t.db, { clock });
    // Fill the member's inbox allowance through forgot-ID requests (anyone can make them).
    for (let i = 0; i < PER_RECIPIENT; i++) await requestUserIdReminder(t.db, clock, { email: m.email }, { ip: newIp() });
    const before = (await outboxTo(m.email)).length;
    let last;
    for (let i = 0; i < 10; i++) last = await login(t.db, clock, { userId: m.userId, password: "Wrong#pass9" }, { ip: newIp() });
    expect(last).toMatchObject({ ok: false, reason: "locked" });
    expect((await t.db.select().from(members).where(eq(members.id, m.member.id)))[0].lockedUntil).not.toBeNull();
    expect((await outboxTo(m.email)).filter((r) => r.template === "account-locked")).toHaveLength(0);
    expect(await outboxTo(m.email)).toHaveLength(before);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.event, "mail.throttled"));
    expect(audited.some((a) => a.actorId === String(m.member.id))).toBe(true);

    // Without the flood the notice is sent.
    const other = await createMember(t.db, { clock });
    for (let i = 0; i < 10; i++) await login(t.db, clock, { userId: other.userId, password: "Wrong#pass9" }, { ip: newIp() });
    expect((await outboxTo(other.email)).map((r) => r.template)).toEqual(["account-locked"]);
  });

  // ---- the outbox backstop ---------------------------------------------------------------------

  it("the outbox queues at most its backstop per address an hour whatever the caller, also in a burst of 30", async () => {
    const clock = testClock();
    const u = await createUnion(t.db);
    const to = newAddress();
    const input = (i: number) => ({ template: "forgot-user-id" as const, props: { userId: `id-${i}` }, to: i % 2 ? to.toUpperCase() : to, unionId: u.id });
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => enqueueEmail(t.db, input(i), { clock })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(BACKSTOP);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(30 - BACKSTOP);
    expect(refused.every((r) => r.reason instanceof MailRefused)).toBe(true);
    expect(await outboxTo(to)).toHaveLength(BACKSTOP);

    // sendEmail does not pretend: it throws, and no row is written.
    await expect(sendEmail(t.db, input(99), { clock, transport: mailboxTransport(t.db, { clock }) })).rejects.toBeInstanceOf(MailRefused);
    expect(await outboxTo(to)).toHaveLength(BACKSTOP);
    clock.advance(HOUR + MINUTE);
    expect(await enqueueEmail(t.db, input(100), { clock })).toMatchObject({ id: expect.any(Number) });
    expect(await t.db.select().from(emailOutbox).where(eq(sql`lower(${emailOutbox.toAddress})`, to))).toHaveLength(BACKSTOP + 1);
  });
});
