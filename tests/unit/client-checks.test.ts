// The browser's plain checks (lib/validation/checks.ts, answers-check.ts) against the server's zod
// schemas: for generated form values, the same fields get a message and the first message per field
// is the same text; the answer form reads to the same answers (or is refused by both).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions";
import { loginSchema } from "@/lib/auth/login-schema";
import { accountSchema, rosterMatchSchema } from "@/lib/signup/schemas";
import { answersFormSchema } from "@/lib/survey/answers-schema";
import { readAnswersForm } from "@/lib/validation/answers-check";
import { accountCheck, loginCheck, rosterMatchCheck, type Check } from "@/lib/validation/checks";
import { todayInJapan } from "@/lib/normalize";

const serverErrors = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, values: Record<string, unknown>) => {
  const parsed = schema.safeParse(values);
  return parsed.success ? {} : fieldErrorsOf(parsed.error as Parameters<typeof fieldErrorsOf>[0]);
};

/** Strings near the rules' edges: empty, spaces, full-width forms, lengths around each limit. */
const pieces = fc.constantFrom("", " ", "a", "A", "z", "0", "9", "-", "_", ".", "@", "+", "!", "#", "ａ", "９", "　", "ア", "あ", "ｱ", "ー", "漢", "é", "/", "\t", "😀", "jkc", "ケンポ タロウ", "example.jp", "taro", "1980-01-01", "2000-02-29", "1999-02-29", "1899-12-31");
const text = fc.oneof(
  fc.array(pieces, { maxLength: 8 }).map((p) => p.join("")),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: 0, max: 260 }).chain((n) => fc.constantFrom("a", "ア", "1").map((c) => c.repeat(n))),
);
const maybe = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: undefined, freq: 8 });

function valuesOf(fields: Record<string, fc.Arbitrary<string | undefined>>) {
  return fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

function agree(check: Check, schema: Parameters<typeof serverErrors>[0], values: fc.Arbitrary<Record<string, string>>) {
  fc.assert(
    fc.property(values, (v) => {
      expect(check(v)).toEqual(serverErrors(schema, v));
    }),
    { numRuns: 3000 },
  );
}

describe("plain checks agree with the zod schemas", () => {
  it("login", () => {
    agree(loginCheck, loginSchema, valuesOf({ userId: maybe(text), password: maybe(text) }));
  });

  it("roster match", () => {
    const date = fc.oneof(text, fc.date({ min: new Date("1890-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constant(todayInJapan()));
    agree(rosterMatchCheck, rosterMatchSchema, valuesOf({ insurerCode: maybe(text), symbol: maybe(text), number: maybe(text), birthDate: maybe(date), kanaName: maybe(text) }));
  });

  it("account (fields, then the password rules and the confirmation)", () => {
    const userId = fc.oneof(text, fc.constantFrom("taro01", "ｔａｒｏ０１", "taro@example.jp", "ab"));
    const password = fc.oneof(text, fc.constantFrom("Passw0rd!", "taro01-Pass!", "abc", "Abcdefg1!", "x".repeat(21)));
    const email = fc.oneof(text, fc.constantFrom("taro@example.jp", "ｔａｒｏ@example.jp", "a..b@example.jp", "a@b", ".a@example.jp", "a'b@ex-ample.co.jp"));
    const values = fc
      .record({ userId: maybe(userId), password: maybe(password), same: fc.boolean(), other: maybe(password), email: maybe(email) })
      .map(({ same, other, ...r }) => ({ ...r, passwordConfirm: same ? r.password : other }))
      .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);
    agree(accountCheck, accountSchema, values);
  });

  it("examples: the messages a member sees", () => {
    expect(loginCheck({ userId: "", password: "" })).toEqual({ userId: "ユーザーIDを入力してください。", password: "パスワードを入力してください。" });
    expect(rosterMatchCheck({ insurerCode: "ＪＫＣ", symbol: "12", number: "34", birthDate: "1980/01/01", kanaName: "けんぽ たろう" })).toEqual({});
    expect(accountCheck({ userId: "taro01", password: "taro01-Pass!", passwordConfirm: "taro01-Pass!", email: "taro@example.jp" })).toEqual({ password: "パスワードにユーザーIDを含めないでください。" });
  });
});

describe("the answer form's plain reading agrees with answersFormSchema", () => {
  const choice = (...keys: string[]) => maybe(fc.constantFrom("", " ", "nope", ...keys));
  const yen = maybe(fc.oneof(text, fc.constantFrom("0", "1,200,000", "１２０万", "¥50000", "50000円", "99999999", "100000000", "１，２００，０００")));
  const box = maybe(fc.constantFrom("on", "true", "1", "off", ""));
  const values = valuesOf({
    continuation: choice("continue", "remove"),
    removalReason: choice("job", "marriage", "apart", "death", "other"),
    removalDate: maybe(fc.oneof(text, fc.constantFrom("2026-04-01", "2026/04/01", "２０２６-０４-０１", "2026-02-30"))),
    occupation: choice("employee", "student", "other"),
    annualIncome: yen,
    income_salary: box,
    income_pension: box,
    income_other: box,
    disabilityPension: box,
    residence: choice("together", "apart"),
    monthlyRemittance: yen,
    remittanceMethod: choice("transfer", "registered_mail", "hand"),
    rosterCorrection: maybe(fc.oneof(text, fc.constantFrom(" 氏名の漢字が違います ", "x".repeat(501), ` ${"x".repeat(500)} `, "😀".repeat(300), "😀".repeat(501)))),
  });

  it("same answers, or refused by both", () => {
    fc.assert(
      fc.property(values, (v) => {
        const parsed = answersFormSchema.safeParse(v);
        expect(readAnswersForm(v)).toEqual(parsed.success ? parsed.data : null);
      }),
      { numRuns: 3000 },
    );
  });
});
