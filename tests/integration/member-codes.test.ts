// 認証番号 (SPEC §Member flows 3): valid 10 minutes, single use, only the newest is live, 5 wrong
// entries kill it, resend has a 60 s cool-down and an hourly cap, stored only as a hash.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { oneTimeCodes } from "@/db/schema";
import { MINUTE, testClock, type Clock } from "@/lib/clock";
import { issueCode } from "@/lib/codes/issue-code";
import { CODE_POLICY } from "@/lib/codes/policy";
import { verifyCode } from "@/lib/codes/verify-code";
import { describeEachDatabase } from "../support/databases";

describeEachDatabase("member codes", (t) => {
  /** A fresh subject per test: codes of different subjects never meet. */
  const newSubject = () => `signup:t-${crypto.randomBytes(6).toString("hex")}`;

  const issue = async (clock: Clock, subject: string) => {
    const r = await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" });
    if (!r.ok) throw new Error(`issueCode refused: ${r.reason}`);
    return r;
  };
  const verify = (clock: Clock, subject: string, code: string) =>
    t.db.transaction((tx) => verifyCode(tx, clock, { purpose: "signup", subject, code }));

  /** A six-digit code that is not `code`. */
  const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  it("accepts the issued code once", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(issued.expiresAt.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);

    expect(await verify(clock, subject, issued.code)).toEqual({ ok: true, codeId: issued.codeId, email: "taro@example.jp" });
    const second = await verify(clock, subject, issued.code);
    expect(second.ok).toBe(false);
  });

  it("does not accept a code of another subject or purpose", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    expect((await verify(clock, newSubject(), issued.code)).ok).toBe(false);
    const otherPurpose = await t.db.transaction((tx) => verifyCode(tx, clock, { purpose: "password_reset", subject, code: issued.code }));
    expect(otherPurpose.ok).toBe(false);
    expect((await verify(clock, subject, issued.code)).ok).toBe(true);
  });

  it("still accepts a code at 9:59 after issue", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    clock.advance(10 * MINUTE - 1000);
    expect((await verify(clock, subject, issued.code)).ok).toBe(true);
  });

  it("calls a code expired exactly 10 minutes after issue", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    clock.advance(10 * MINUTE);
    expect(await verify(clock, subject, issued.code)).toEqual({ ok: false, reason: "expired" });
  });

  it("supersedes the previous code on resend", async () => {
    const clock = testClock();
    const subject = newSubject();
    const first = await issue(clock, subject);
    clock.advance(CODE_POLICY.cooldownMs);
    let second = await issue(clock, subject);
    // The two codes are random; make sure they differ so "old code" means something.
    while (second.code === first.code) {
      clock.advance(CODE_POLICY.cooldownMs);
      second = await issue(clock, subject);
    }
    expect(await verify(clock, subject, first.code)).toMatchObject({ ok: false, reason: "superseded" });
    expect(await verify(clock, subject, second.code)).toMatchObject({ ok: true, codeId: second.codeId });
    const [old] = await t.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, first.codeId));
    expect(old.closedReason).toBe("superseded");
  });

  it("counts down the attempts and kills the code at the 5th wrong entry", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    const wrong = other(issued.code);
    for (let left = 4; left >= 1; left--) {
      expect(await verify(clock, subject, wrong)).toEqual({ ok: false, reason: "wrong", attemptsLeft: left });
    }
    expect(await verify(clock, subject, wrong)).toEqual({ ok: false, reason: "killed" });
    expect(await verify(clock, subject, issued.code)).toEqual({ ok: false, reason: "killed" });
  });

  it("lets the right code through after 4 wrong entries", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    for (let i = 0; i < 4; i++) await verify(clock, subject, other(issued.code));
    expect((await verify(clock, subject, issued.code)).ok).toBe(true);
  });

  it("refuses a resend within 60 s and allows it at 60 s", async () => {
    const clock = testClock();
    const subject = newSubject();
    const first = await issue(clock, subject);
    const issuedAt = clock.now().getTime();

    clock.advance(CODE_POLICY.cooldownMs - 1000);
    const early = await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" });
    expect(early).toEqual({ ok: false, reason: "cooldown", retryAt: new Date(issuedAt + 60_000) });
    // The refused resend left the first code live.
    expect((await t.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, first.codeId)))[0].closedAt).toBeNull();

    clock.set(new Date(issuedAt + 60_000));
    expect((await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" })).ok).toBe(true);
  });

  it("issues at most 5 codes per subject in an hour", async () => {
    const clock = testClock();
    const subject = newSubject();
    const start = clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      await issue(clock, subject);
      clock.advance(CODE_POLICY.cooldownMs);
    }
    const sixth = await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" });
    expect(sixth).toEqual({ ok: false, reason: "hourly_cap", retryAt: new Date(start + 60 * MINUTE) });

    clock.set(new Date(start + 60 * MINUTE - 1000));
    expect(await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" })).toMatchObject({ ok: false, reason: "hourly_cap" });
    clock.set(new Date(start + 60 * MINUTE));
    expect((await issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" })).ok).toBe(true);
    // Another subject is not affected by this one's cap.
    expect((await issueCode(t.db, clock, { purpose: "signup", subject: newSubject(), email: "taro@example.jp" })).ok).toBe(true);
  });

  it("stores codes only as a hash", async () => {
    const clock = testClock();
    const subject = newSubject();
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      codes.push((await issue(clock, subject)).code);
      clock.advance(CODE_POLICY.cooldownMs);
    }
    const rows = await t.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.subject, subject));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
      const text = Object.values(row)
        .filter((v): v is string => typeof v === "string")
        .join("\n");
      for (const code of codes) expect(text).not.toContain(code);
    }
  });

  it("lets exactly one of two parallel submits of the right code through", async () => {
    const clock = testClock();
    for (let round = 0; round < 5; round++) {
      const subject = newSubject();
      const issued = await issue(clock, subject);
      const results = await Promise.all([verify(clock, subject, issued.code), verify(clock, subject, issued.code)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const [row] = await t.db.select().from(oneTimeCodes).where(eq(oneTimeCodes.id, issued.codeId));
      expect(row.closedReason).toBe("used");
    }
  });

  it("counts wrong entries submitted at once one by one, and kills the code at 5", async () => {
    const clock = testClock();
    const subject = newSubject();
    const issued = await issue(clock, subject);
    const wrong = Array.from({ length: 10 }, (_, i) => String((Number(issued.code) + i + 1) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(wrong.map((code) => verify(clock, subject, code)));
    expect(results.filter((r) => !r.ok && r.reason === "wrong")).toHaveLength(4);
    expect(results.filter((r) => !r.ok && r.reason === "killed")).toHaveLength(6);
    expect(await verify(clock, subject, issued.code)).toEqual({ ok: false, reason: "killed" });
  });

  it("keeps one live code when resends race", async () => {
    const clock = testClock();
    const subject = newSubject();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => issueCode(t.db, clock, { purpose: "signup", subject, email: "taro@example.jp" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "cooldown")).toHaveLength(4);
  });
});
