// The recovery and settings forms' schemas (shared by the browser and the actions) and the signed
// cookie that carries a forgot-password request from step 1 to step 2.
import { describe, expect, it } from "vitest";
import { openPending, sealPending } from "@/lib/account/pending";
import { changeEmailSchema, changePasswordSchema, emailCodeSchema, forgotIdSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/account/schemas";
import { MINUTE } from "@/lib/clock";

/** The first message per field, as the actions show them (lib/actions.ts fieldErrorsOf). */
const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[String(issue.path[0])] ??= issue.message;
  return out;
};

describe("forgot password / forgot ID schemas", () => {
  it("folds full-width input and trims, as phones type it", () => {
    const parsed = forgotPasswordSchema.parse({ userId: " ｔａｒｏ＿２０２６ ", email: "ＴＡＲＯ@example.jp " });
    expect(parsed).toEqual({ userId: "taro_2026", email: "TARO@example.jp" });
    expect(forgotIdSchema.parse({ email: " taro@example.jp" })).toEqual({ email: "taro@example.jp" });
  });

  it("requires both fields and a well-formed address", () => {
    expect(errorsOf(forgotPasswordSchema.safeParse({ userId: "", email: "taro" }))).toEqual({
      userId: "ユーザーIDを入力してください。",
      email: expect.stringContaining("メールアドレスの形式が正しくありません"),
    });
    expect(forgotIdSchema.safeParse({}).success).toBe(false);
  });
});

describe("new password schemas (reset and change)", () => {
  const ok = { code: "012345", password: "Shin#2026pw", passwordConfirm: "Shin#2026pw", userId: "taro_2026" };

  it("accepts a 6-digit code typed full-width or with spaces, keeping the leading zero", () => {
    expect(resetPasswordSchema.parse({ ...ok, code: "０１２ ３４５" }).code).toBe("012345");
    expect(emailCodeSchema.parse({ code: "012-345" }).code).toBe("012345");
    expect(errorsOf(emailCodeSchema.safeParse({ code: "12345" }))).toEqual({ code: "認証番号は6桁の数字で入力してください。" });
  });

  it("applies the password rules: length, a symbol, not containing the user ID, confirmation", () => {
    expect(resetPasswordSchema.safeParse(ok).success).toBe(true);
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, password: "Ab#1", passwordConfirm: "Ab#1" }))).toEqual({ password: "パスワードは8文字以上で入力してください。" });
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, password: "Shin2026pw", passwordConfirm: "Shin2026pw" }))).toEqual({ password: "パスワードに記号を1文字以上含めてください。" });
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, password: "x#TARO_2026", passwordConfirm: "x#TARO_2026" }))).toEqual({ password: "パスワードにユーザーIDを含めないでください。" });
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, passwordConfirm: "Shin#2026pX" }))).toEqual({ passwordConfirm: "パスワード(確認)がパスワードと一致しません。" });
  });

  it("never trims or truncates a password", () => {
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, password: " Shin#2026pw", passwordConfirm: " Shin#2026pw" }))).toHaveProperty("password");
    const long = "Shin#2026pw-abcdefghij";
    expect(errorsOf(resetPasswordSchema.safeParse({ ...ok, password: long, passwordConfirm: long }))).toEqual({ password: `パスワードは20文字以内で入力してください(現在${long.length}文字)。` });
  });

  it("change password and change email require the current password", () => {
    const { code: _code, ...change } = ok;
    expect(errorsOf(changePasswordSchema.safeParse({ ...change, currentPassword: "" }))).toEqual({ currentPassword: "現在のパスワードを入力してください。" });
    expect(changePasswordSchema.safeParse({ ...change, currentPassword: "Kenpo#2026x" }).success).toBe(true);
    expect(errorsOf(changeEmailSchema.safeParse({ email: "new@example.jp", currentPassword: "" }))).toEqual({ currentPassword: "現在のパスワードを入力してください。" });
    expect(changeEmailSchema.parse({ email: " ｎｅｗ@example.jp", currentPassword: "x" }).email).toBe("new@example.jp");
  });
});

describe("pending forgot-password cookie", () => {
  const now = new Date("2026-04-01T00:00:00Z");
  const payload = { userId: "taro_2026", email: "taro@example.jp" };

  it("opens what it sealed until it expires", () => {
    const sealed = sealPending(payload, 30 * MINUTE, now);
    expect(openPending(sealed, now)).toMatchObject(payload);
    expect(openPending(sealed, new Date(now.getTime() + 30 * MINUTE - 1))).toMatchObject(payload);
    expect(openPending(sealed, new Date(now.getTime() + 30 * MINUTE))).toBeNull();
  });

  it("refuses a changed payload, a changed signature, and garbage", () => {
    const sealed = sealPending(payload, 30 * MINUTE, now);
    const [body, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, userId: "someone_else", exp: now.getTime() + 30 * MINUTE })).toString("base64url");
    expect(openPending(`${forged}.${mac}`, now)).toBeNull();
    expect(openPending(`${body}.${mac.slice(0, -2)}AA`, now)).toBeNull();
    expect(openPending(`${body}.`, now)).toBeNull();
    expect(openPending("not-a-cookie", now)).toBeNull();
    expect(openPending(undefined, now)).toBeNull();
  });

  it("says nothing about whether the account exists: it carries only what was typed", () => {
    const sealed = sealPending(payload, 30 * MINUTE, now);
    const decoded = JSON.parse(Buffer.from(sealed.split(".")[0], "base64url").toString("utf8"));
    expect(Object.keys(decoded).sort()).toEqual(["email", "exp", "userId"]);
  });
});
