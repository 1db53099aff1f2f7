import { describe, expect, it } from "vitest";
import { MINUTE } from "@/lib/clock";
import { idempotencyKey, retryDelayMs } from "@/lib/email/deliver";
import { senderFor } from "@/lib/email/outbox";

describe("email delivery rules", () => {
  const row = { id: 1, createdAt: new Date("2026-04-01T00:00:00Z"), toAddress: "a@example.com", subject: "件名", template: "signup-code", text: "123456\n" };

  it("gives every attempt of a row the same idempotency key, also once a code mail's body is cleared", () => {
    expect(idempotencyKey(row)).toBe(idempotencyKey({ ...row }));
    expect(idempotencyKey(row)).toMatch(/^outbox-1-[\w-]{22}$/);
    const cleared = { ...row, text: "" };
    expect(idempotencyKey(cleared)).toBe(idempotencyKey(row));
  });

  it("gives row 1 of another database another key", () => {
    expect(idempotencyKey({ ...row, toAddress: "b@example.com" })).not.toBe(idempotencyKey(row));
    expect(idempotencyKey({ ...row, template: "password-reset-code" })).not.toBe(idempotencyKey(row));
    expect(idempotencyKey({ ...row, createdAt: new Date("2026-04-02T00:00:00Z") })).not.toBe(idempotencyKey(row));
  });

  it("backs off 1, 2, 4 … minutes, capped at an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("names the union as the sender of a bare address", () => {
    expect(senderFor("テスト健康保険組合", "noreply@example.jp")).toBe('"テスト健康保険組合" <noreply@example.jp>');
    expect(senderFor('悪い"<名前>', "noreply@example.jp")).toBe('"悪い名前" <noreply@example.jp>');
    expect(senderFor("組合", "運営 <noreply@example.jp>")).toBe("運営 <noreply@example.jp>");
  });
});
