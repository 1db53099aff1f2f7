// Issue 7, "Code mails to anyone": a roster row has at most MAX_OPEN_SIGNUPS_PER_ENTRY open sign-up
// requests (each can mail codes), and stale requests are pruned by the housekeeping of the cron
// route and the worker, together with their sign-up codes.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { oneTimeCodes, signupRequests } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { LIMITS } from "@/lib/auth/throttle";
import { MINUTE, testClock, type Clock } from "@/lib/clock";
import { issueCode } from "@/lib/codes/issue-code";
import { MESSAGES } from "@/lib/errors";
import { housekeeping } from "@/lib/housekeeping";
import { matchRoster } from "@/lib/signup/match-roster";
import { MAX_OPEN_SIGNUPS_PER_ENTRY, SIGNUP_RETENTION_MS, SIGNUP_TTL_MS, signupSubject } from "@/lib/signup/request";
import { rosterMatchSchema } from "@/lib/signup/schemas";
import { describeEachDatabase } from "../support/databases";

const newIp = () => `192.0.2.${crypto.randomInt(1, 255)}`;

describeEachDatabase("sign-up requests", (t) => {
  const person = async () => {
    const union = await createUnion(t.db);
    const entry = await createRosterEntry(t.db, { unionId: union.id });
    const typed = rosterMatchSchema.parse({ insurerCode: union.code, symbol: entry.symbol, number: entry.number, birthDate: entry.birthDate, kanaName: entry.kanaName });
    return { entry, match: (clock: Clock) => matchRoster(t.db, clock, typed, { ip: newIp() }) };
  };
  const requestsOf = (rosterEntryId: number) => t.db.select().from(signupRequests).where(eq(signupRequests.rosterEntryId, rosterEntryId));

  it(`allows ${MAX_OPEN_SIGNUPS_PER_ENTRY} open requests per roster row, then answers with a clear message and opens none`, async () => {
    const clock = testClock();
    const p = await person();
    for (let i = 0; i < MAX_OPEN_SIGNUPS_PER_ENTRY; i++) expect(await p.match(clock), `match ${i + 1}`).toMatchObject({ ok: true });
    expect(await p.match(clock)).toEqual({ ok: false, reason: "too_many_open" });
    expect(await requestsOf(p.entry.id)).toHaveLength(MAX_OPEN_SIGNUPS_PER_ENTRY);
    expect(MESSAGES.signupTooManyOpen).toContain("30分");

    // Another person is not affected; once the open ones expire, a new one opens.
    expect(await (await person()).match(clock)).toMatchObject({ ok: true });
    clock.advance(SIGNUP_TTL_MS);
    expect(await p.match(clock)).toMatchObject({ ok: true });
  });

  it("does not count completed requests", async () => {
    const clock = testClock();
    const p = await person();
    for (let i = 0; i < MAX_OPEN_SIGNUPS_PER_ENTRY; i++) await p.match(clock);
    const [first] = await requestsOf(p.entry.id);
    await t.db.update(signupRequests).set({ completedAt: clock.now() }).where(eq(signupRequests.id, first.id));
    expect(await p.match(clock)).toMatchObject({ ok: true });
    expect(await p.match(clock)).toEqual({ ok: false, reason: "too_many_open" });
  });

  it("holds the cap when matches of one person arrive at once", async () => {
    const clock = testClock();
    const p = await person();
    // As many as the per-entry match throttle lets through at once (more are refused by it anyway).
    const n = LIMITS.matchPerEntry.limit;
    expect(n).toBeGreaterThan(MAX_OPEN_SIGNUPS_PER_ENTRY);
    const results = await Promise.all(Array.from({ length: n }, () => p.match(clock)));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_OPEN_SIGNUPS_PER_ENTRY);
    expect(results.filter((r) => !r.ok && r.reason === "too_many_open")).toHaveLength(n - MAX_OPEN_SIGNUPS_PER_ENTRY);
    expect(await requestsOf(p.entry.id)).toHaveLength(MAX_OPEN_SIGNUPS_PER_ENTRY);
  });

  it("housekeeping deletes requests that expired more than a day ago, with their codes, and keeps the rest", async () => {
    const clock = testClock();
    const old = await person();
    await old.match(clock);
    const [stale] = await requestsOf(old.entry.id);
    const code = await issueCode(t.db, clock, { purpose: "signup", subject: signupSubject(stale), email: "old@example.jp" });
    expect(code.ok).toBe(true);

    clock.advance(SIGNUP_TTL_MS + SIGNUP_RETENTION_MS - MINUTE);
    const recent = await person();
    await recent.match(clock);
    // A request that expired a little less than a day ago is kept for now.
    expect(await housekeeping(t.db, clock)).toMatchObject({ signupRequests: 0 });
    expect(await requestsOf(old.entry.id)).toHaveLength(1);

    clock.advance(2 * MINUTE);
    expect((await housekeeping(t.db, clock)).signupRequests).toBeGreaterThanOrEqual(1);
    expect(await requestsOf(old.entry.id)).toHaveLength(0);
    expect(await t.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.subject, signupSubject(stale)))).toHaveLength(0);
    // The fresh one stays.
    expect(await requestsOf(recent.entry.id)).toHaveLength(1);
  });
});
