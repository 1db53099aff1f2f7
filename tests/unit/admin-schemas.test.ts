import { expect, it } from "vitest";
import { adminSchema, settingsSchema, termsSchema, unionSchema } from "@/lib/admin/schemas";

const input = {
  name: "新しい健康保険組合",
  callCenterPhone: "03-1234-5678",
  callCenterHours: "平日 9:00〜17:00",
  supportEmail: "help@kenpo.example.jp",
  senderEmail: "健保 <no-reply@kenpo.example.jp>",
  surveyOpensOn: "2026-06-01",
  surveyClosesOn: "2026-07-31",
};

it("validates the settings form with Japanese messages next to each field", () => {
  const bad = settingsSchema.safeParse({ unionId: "1", name: "", callCenterPhone: "abc", callCenterHours: "x".repeat(101), supportEmail: "nope", senderEmail: "a@", surveyOpensOn: "2026-07-01", surveyClosesOn: "2026-06-01" });
  expect(bad.success).toBe(false);
  const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
  expect(byField).toMatchObject({
    name: "組合名を入力してください。",
    callCenterPhone: expect.stringContaining("電話番号"),
    callCenterHours: "受付時間は 100 文字以内で入力してください。",
    supportEmail: expect.stringContaining("問い合わせ先メール"),
    senderEmail: expect.stringContaining("送信元アドレス"),
  });
  const dates = settingsSchema.safeParse({ ...input, unionId: "1", surveyOpensOn: "2026-07-01", surveyClosesOn: "2026-06-01" });
  expect(dates.error?.issues[0]).toMatchObject({ path: ["surveyClosesOn"], message: "調査の締切日は開始日以降の日付にしてください。" });
  expect(settingsSchema.parse({ ...input, unionId: "1", callCenterPhone: "０３－１２３４－５６７８" }).callCenterPhone).toBe("03-1234-5678");
  expect(termsSchema.safeParse({ unionId: "1", title: "t", body: "x".repeat(20_001) }).success).toBe(false);
});

it("accepts union codes of lower-case letters only, and admin IDs by the member rule", () => {
  expect(unionSchema.parse({ code: "ｊｋｃ", name: "日本健保" }).code).toBe("jkc");
  expect(unionSchema.safeParse({ code: "JKC", name: "x" }).success).toBe(false);
  expect(unionSchema.safeParse({ code: "jk1", name: "x" }).success).toBe(false);
  expect(adminSchema.safeParse({ loginId: "short", email: "a@b.jp", password: "x", unionId: "1" }).error?.issues[0].path).toEqual(["loginId"]);
});
