// Sign-up (SPEC §Member flows 1–3): roster match with the ways phones type names and numbers, its
// throttles, the account step (user ID unique across unions, common passwords refused, code mailed),
// and completion with the mailed 認証番号 — once, even when submits race.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { members, passwordHistory, rosterEntries, signupRequests, unions } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { login } from "@/lib/auth/login";
import { COMMON_PASSWORD_MESSAGE } from "@/lib/auth/password-policy";
import { MINUTE, testClock, type Clock } from "@/lib/clock";
import { listMailbox } from "@/lib/email/mailbox";
import { MESSAGES } from "@/lib/errors";
import { completeSignup } from "@/lib/signup/complete-signup";
import { matchRoster } from "@/lib/signup/match-roster";
import { findSignupRequest } from "@/lib/signup/request";
import { saveAccount } from "@/lib/signup/save-account";
import { sendSignupCode } from "@/lib/signup/send-code";
import { accountSchema, rosterMatchSchema } from "@/lib/signup/schemas";
import { describeEachDatabase } from "../support/databases";
import { createMember } from "../support/member-factories";

const KANA = "ガッコウ ジュンペイ";
const BIRTH = "1980-04-01";
const PASSWORD = "Kenpo#2026x";

const hex = (n: number) => crypto.randomBytes(n).toString("hex");
const newIp = () => `198.51.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
/** ASCII to its full-width form, as a phone in Japanese input mode types it. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describeEachDatabase("member sign-up", (t) => {
  /** A union with one insured person (本人) named KANA, born BIRTH. */
  const insuredPerson = async (overrides: Partial<Parameters<typeof createRosterEntry>[1]> = {}) => {
    const union = await createUnion(t.db);
    const entry = await createRosterEntry(t.db, { unionId: union.id, kanaName: KANA, birthDate: BIRTH, ...overrides });
    return { union, entry };
  };

  type Typed = { insurerCode: string; symbol: string; number: string; birthDate: string; kanaName: string };
  const typedFor = (p: { union: { code: string }; entry: { symbol: string; number: string } }, over: Partial<Typed> = {}): Typed => ({
    insurerCode: p.union.code,
    symbol: p.entry.symbol,
    number: p.entry.number,
    birthDate: BIRTH,
    kanaName: KANA,
    ...over,
  });
  /** Parse as the action does, then match. */
  const match = (clock: Clock, typed: Typed, ip = newIp()) => matchRoster(t.db, clock, rosterMatchSchema.parse(typed), { ip });

  const startSignup = async (clock: Clock, p: Awaited<ReturnType<typeof insuredPerson>>) => {
    const result = await match(clock, typedFor(p));
    if (!result.ok) throw new Error(`match failed: ${result.reason}`);
    const request = await findSignupRequest(t.db, clock, result.token);
    if (!request) throw new Error("request not found");
    return { token: result.token, request };
  };

  const account = (over: Partial<{ userId: string; email: string; password: string }> = {}) => {
    const password = over.password ?? PASSWORD;
    return accountSchema.parse({
      userId: over.userId ?? `user_${hex(4)}`,
      email: over.email ?? `m-${hex(4)}@example.jp`,
      password,
      passwordConfirm: password,
    });
  };

  /** The 認証番号 in the newest mail to `email`: six digits on a line of their own. */
  const mailedCode = async (email: string) => {
    const [mail] = await listMailbox(t.db, { to: email });
    const m = /^(\d{6})$/m.exec(mail?.text ?? "");
    if (!m) throw new Error(`no code mailed to ${email}`);
    return m[1];
  };

  /** Match, save an account and return the request as the verify page reads it, with the mailed code. */
  const readyToVerify = async (clock: Clock, p: Awaited<ReturnType<typeof insuredPerson>>, over: Parameters<typeof account>[0] = {}) => {
    const { token, request } = await startSignup(clock, p);
    const input = account(over);
    const saved = await saveAccount(t.db, clock, request, input, { ip: newIp() });
    if (!saved.ok) throw new Error(`saveAccount failed: ${JSON.stringify(saved)}`);
    const ready = (await findSignupRequest(t.db, clock, token))!;
    return { token, request: ready, input, code: await mailedCode(input.email) };
  };

  const membersOf = (rosterEntryId: number) => t.db.select().from(members).where(eq(members.rosterEntryId, rosterEntryId));

  // ── Step 1: roster match ────────────────────────────────────────────────────────────────────

  it.each([
    ["as written", KANA],
    ["half-width", "ｶﾞｯｺｳ ｼﾞｭﾝﾍﾟｲ"],
    ["hiragana", "がっこう じゅんぺい"],
    ["without a space", "ガッコウジュンペイ"],
    ["with a full-width space", "ガッコウ　ジュンペイ"],
    ["voiced and small kana typed plain", "カツコウ シユンヘイ"],
    ["half-width hiragana mix", "がっこう ｼﾞｭﾝﾍﾟｲ"],
  ])("finds the 本人 row with the name typed %s", async (_label, kanaName) => {
    const clock = testClock();
    const p = await insuredPerson();
    const result = await match(clock, typedFor(p, { kanaName }));
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const request = await findSignupRequest(t.db, clock, result.token);
    expect(request).toMatchObject({ rosterEntryId: p.entry.id, unionId: p.union.id, userId: null, completedAt: null });
  });

  it("finds the row with a full-width 記号・番号, an upper-case insurer code and a slashed date", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const typed = typedFor(p, {
      insurerCode: fullWidth(p.union.code.toUpperCase()),
      symbol: fullWidth(p.entry.symbol),
      number: ` ${fullWidth(p.entry.number)}　`,
      birthDate: "1980/04/01",
    });
    expect(await match(clock, typed)).toMatchObject({ ok: true });
    expect(await match(clock, typedFor(p, { insurerCode: p.union.code.toUpperCase() }))).toMatchObject({ ok: true });
  });

  it.each([
    ["a wrong birth date", { birthDate: "1980-04-02" }],
    ["a wrong kana name", { kanaName: "ガッコウ ジュンタ" }],
    ["a name with a long-vowel mark added", { kanaName: "ガッコー ジュンペイ" }],
    ["a wrong 番号", { number: "zz9999" }],
  ])("does not match %s", async (_label, over) => {
    const clock = testClock();
    const p = await insuredPerson();
    expect(await match(clock, typedFor(p, over))).toEqual({ ok: false, reason: "no_match" });
  });

  it("does not match a dependent (枝番 01)", async () => {
    const clock = testClock();
    const p = await insuredPerson({ kanaName: "ガッコウ イチロウ", birthDate: "1975-01-01" });
    await createRosterEntry(t.db, {
      unionId: p.union.id,
      symbol: p.entry.symbol,
      number: p.entry.number,
      branch: "01",
      relationship: "妻",
      kanaName: KANA,
      birthDate: BIRTH,
    });
    expect(await match(clock, typedFor(p))).toEqual({ ok: false, reason: "no_match" });
  });

  it("does not match an inactive roster row", async () => {
    const clock = testClock();
    const p = await insuredPerson({ active: false });
    expect(await match(clock, typedFor(p))).toEqual({ ok: false, reason: "no_match" });
  });

  it("does not match under another union's code", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const other = await createUnion(t.db);
    expect(await match(clock, typedFor(p, { insurerCode: other.code }))).toEqual({ ok: false, reason: "no_match" });
  });

  it("says already registered when the person has an account", async () => {
    const clock = testClock();
    const { rosterEntry, unionId } = await createMember(t.db, { clock });
    const [union] = await t.db.select().from(unions).where(eq(unions.id, unionId));
    const typed = { insurerCode: union.code, symbol: rosterEntry.symbol, number: rosterEntry.number, birthDate: rosterEntry.birthDate, kanaName: rosterEntry.kanaName };
    expect(await match(clock, typed)).toEqual({ ok: false, reason: "already_registered" });
  });

  it("throttles a 記号・番号 after 5 failed matches, from any address", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    for (let day = 2; day <= 6; day++) {
      expect(await match(clock, typedFor(p, { birthDate: `1980-04-0${day}` }))).toEqual({ ok: false, reason: "no_match" });
    }
    expect(await match(clock, typedFor(p))).toEqual({ ok: false, reason: "throttled" });
    // The same 記号・番号 typed full-width is the same entry.
    expect(await match(clock, typedFor(p, { symbol: fullWidth(p.entry.symbol), number: fullWidth(p.entry.number) }))).toEqual({ ok: false, reason: "throttled" });
    // Another person is not affected.
    expect(await match(clock, typedFor(await insuredPerson()))).toMatchObject({ ok: true });
    // The window passes.
    clock.advance(60 * MINUTE);
    expect(await match(clock, typedFor(p))).toMatchObject({ ok: true });
  });

  it("does not let parallel guesses past the per-entry limit", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    // 20 birth dates guessed at once, each from its own address: only 5 may be tried.
    const guesses = Array.from({ length: 20 }, (_, i) => match(clock, typedFor(p, { birthDate: `1981-01-${String(i + 1).padStart(2, "0")}` })));
    const results = await Promise.all(guesses);
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.filter((r) => !r.ok && r.reason === "no_match").length).toBeLessThanOrEqual(5);
    expect(await match(clock, typedFor(p))).toEqual({ ok: false, reason: "throttled" });
  });

  it("allows 4 failed matches on a 記号・番号 and then the right data", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    for (let day = 2; day <= 5; day++) await match(clock, typedFor(p, { birthDate: `1980-04-0${day}` }));
    expect(await match(clock, typedFor(p))).toMatchObject({ ok: true });
  });

  it("throttles a client address after 20 failed matches across entries", async () => {
    const clock = testClock();
    const ip = newIp();
    const p = await insuredPerson();
    for (let i = 0; i < 20; i++) {
      expect(await match(clock, typedFor(p, { number: `n${hex(4)}` }), ip)).toEqual({ ok: false, reason: "no_match" });
    }
    expect(await match(clock, typedFor(p), ip)).toEqual({ ok: false, reason: "throttled" });
    expect(await match(clock, typedFor(p), newIp())).toMatchObject({ ok: true });
  });

  // ── Step 2: account ─────────────────────────────────────────────────────────────────────────

  it("refuses a user ID taken in another union, whatever its case", async () => {
    const clock = testClock();
    const taken = `Hanako_${hex(3)}`;
    await createMember(t.db, { clock, userId: taken });
    const { request } = await startSignup(clock, await insuredPerson());
    const result = await saveAccount(t.db, clock, request, account({ userId: taken.toUpperCase() }), { ip: newIp() });
    expect(result).toEqual({ ok: false, fieldErrors: { userId: MESSAGES.userIdTaken } });
    expect((await t.db.select().from(signupRequests).where(eq(signupRequests.id, request.id)))[0].userId).toBeNull();
  });

  it.each(["Password1!", "P@ssw0rd", "password12!"])("refuses the common password %s", async (password) => {
    const clock = testClock();
    const { request } = await startSignup(clock, await insuredPerson());
    const input = account({ password });
    const result = await saveAccount(t.db, clock, request, input, { ip: newIp() });
    expect(result).toEqual({ ok: false, fieldErrors: { password: COMMON_PASSWORD_MESSAGE } });
    expect(await listMailbox(t.db, { to: input.email })).toHaveLength(0);
  });

  it("saves the account and mails a 6-digit signup code to the address", async () => {
    const clock = testClock();
    const { token, request } = await startSignup(clock, await insuredPerson());
    const input = account();
    const result = await saveAccount(t.db, clock, request, input, { ip: newIp() });
    expect(result).toEqual({ ok: true, mailSent: true, expiresAt: new Date(clock.now().getTime() + 10 * MINUTE) });

    const mails = await listMailbox(t.db, { to: input.email });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("認証番号");
    expect(mails[0].text).toMatch(/^\d{6}$/m);

    const saved = await findSignupRequest(t.db, clock, token);
    expect(saved).toMatchObject({ userId: input.userId, email: input.email });
    // Only a hash of the password is kept.
    expect(saved!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(saved!.passwordHash).not.toContain(PASSWORD);
  });

  it("forgets a sign-up request after 30 minutes", async () => {
    const clock = testClock();
    const { token } = await startSignup(clock, await insuredPerson());
    clock.advance(29 * MINUTE);
    expect(await findSignupRequest(t.db, clock, token)).not.toBeNull();
    clock.advance(2 * MINUTE);
    expect(await findSignupRequest(t.db, clock, token)).toBeNull();
    expect(await findSignupRequest(t.db, clock, undefined)).toBeNull();
    expect(await findSignupRequest(t.db, clock, "not-a-token")).toBeNull();
  });

  // ── Step 3: verification ────────────────────────────────────────────────────────────────────

  it("creates exactly one member with the mailed code", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { token, request, input, code } = await readyToVerify(clock, p);

    const result = await completeSignup(t.db, clock, request, code, { ip: newIp() });
    expect(result).toMatchObject({ ok: true, userId: input.userId });
    const created = await membersOf(p.entry.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ unionId: p.union.id, userId: input.userId, email: input.email, failedLogins: 0 });
    const history = await t.db.select().from(passwordHistory).where(eq(passwordHistory.memberId, created[0].id));
    expect(history).toHaveLength(1);
    expect(history[0].passwordHash).toBe(created[0].passwordHash);
    expect((await t.db.select().from(signupRequests).where(eq(signupRequests.id, request.id)))[0].completedAt).toEqual(clock.now());
    expect(await findSignupRequest(t.db, clock, token)).toBeNull();

    // The new member can log in with the chosen password.
    expect(await login(t.db, clock, { userId: input.userId, password: PASSWORD }, { ip: newIp() })).toMatchObject({ ok: true, memberId: created[0].id });
  });

  it("refuses a wrong code and creates nothing", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { request, code } = await readyToVerify(clock, p);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await completeSignup(t.db, clock, request, wrong, { ip: newIp() })).toEqual({
      ok: false,
      reason: "code",
      code: { ok: false, reason: "wrong", attemptsLeft: 4 },
    });
    expect(await membersOf(p.entry.id)).toHaveLength(0);
    expect((await t.db.select().from(signupRequests).where(eq(signupRequests.id, request.id)))[0].completedAt).toBeNull();
    // The right code still works afterwards.
    expect(await completeSignup(t.db, clock, request, code, { ip: newIp() })).toMatchObject({ ok: true });
  });

  it("refuses a code after 10 minutes", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { request, code } = await readyToVerify(clock, p);
    clock.advance(10 * MINUTE);
    expect(await completeSignup(t.db, clock, request, code, { ip: newIp() })).toMatchObject({ ok: false, reason: "code", code: { reason: "expired" } });
    expect(await membersOf(p.entry.id)).toHaveLength(0);
  });

  it("refuses when the roster row became inactive between steps", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { request, code } = await readyToVerify(clock, p);
    await t.db.update(rosterEntries).set({ active: false }).where(eq(rosterEntries.id, p.entry.id));
    expect(await completeSignup(t.db, clock, request, code, { ip: newIp() })).toEqual({ ok: false, reason: "roster_inactive" });
    expect(await membersOf(p.entry.id)).toHaveLength(0);
  });

  it("creates one member when the same request is completed twice at once", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { request, code } = await readyToVerify(clock, p);
    const results = await Promise.all([
      completeSignup(t.db, clock, request, code, { ip: newIp() }),
      completeSignup(t.db, clock, request, code, { ip: newIp() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await membersOf(p.entry.id)).toHaveLength(1);
  });

  it("gives a user ID to one of two sign-ups choosing it at once (different case)", async () => {
    const clock = testClock();
    const userId = `Same_User_${hex(3)}`;
    const a = await insuredPerson();
    const b = await insuredPerson();
    const ra = await readyToVerify(clock, a, { userId });
    const rb = await readyToVerify(clock, b, { userId: userId.toLowerCase() });

    const results = await Promise.all([
      completeSignup(t.db, clock, ra.request, ra.code, { ip: newIp() }),
      completeSignup(t.db, clock, rb.request, rb.code, { ip: newIp() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "user_id_taken" }]);
    const holders = await t.db.select().from(members).where(eq(sql`lower(${members.userId})`, userId.toLowerCase()));
    expect(holders).toHaveLength(1);
  });

  it("gives one account to one person signing up twice at once", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const first = await readyToVerify(clock, p);
    const second = await readyToVerify(clock, p);
    const results = await Promise.all([
      completeSignup(t.db, clock, first.request, first.code, { ip: newIp() }),
      completeSignup(t.db, clock, second.request, second.code, { ip: newIp() }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_registered" }]);
    expect(await membersOf(p.entry.id)).toHaveLength(1);
  });

  it("never creates the account with an address the code was not sent to", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { token, request, input, code } = await readyToVerify(clock, p);
    // Back to step 2 within the resend cool-down, with another address: no new code can be sent.
    const changed = account({ userId: input.userId, email: `other-${hex(4)}@example.jp` });
    const resent = await saveAccount(t.db, clock, request, changed, { ip: newIp() });
    expect(resent).toMatchObject({ ok: false });
    expect(await listMailbox(t.db, { to: changed.email })).toHaveLength(0);

    // The code mailed to the first address is entered on the verify page (which rereads the request).
    const current = (await findSignupRequest(t.db, clock, token))!;
    await completeSignup(t.db, clock, current, code, { ip: newIp() });
    const created = await membersOf(p.entry.id);
    expect(created.map((m) => m.email)).not.toContain(changed.email);
  });

  it("keeps step 2 when the code cannot be resent yet", async () => {
    const clock = testClock();
    const p = await insuredPerson();
    const { request, input } = await readyToVerify(clock, p);
    const early = await sendSignupCode(t.db, clock, request, { ip: newIp() });
    expect(early).toEqual({ ok: false, wait: new Date(clock.now().getTime() + 60_000) });
    clock.advance(60_000);
    expect(await sendSignupCode(t.db, clock, request, { ip: newIp() })).toMatchObject({ ok: true, mailSent: true });
    const fresh = await mailedCode(input.email);
    expect(await completeSignup(t.db, clock, request, fresh, { ip: newIp() })).toMatchObject({ ok: true });
  });
});
