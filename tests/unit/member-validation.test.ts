// The member-facing field rules (SPEC §Member flows 1–3): password policy, common passwords, the
// field schemas shared by the forms and their actions, and the 和暦 shown beside the birth date.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { PASSWORD_MAX, PASSWORD_MIN, passwordChecks, passwordProblem } from "@/lib/auth/password-policy";
import { accountSchema, rosterMatchSchema, verifySchema } from "@/lib/signup/schemas";
import {
  birthDateField,
  codeField,
  emailField,
  insurerCodeField,
  kanaNameField,
  numberField,
  symbolField,
  userIdField,
} from "@/lib/validation/fields";
import { japaneseEra } from "@/lib/validation/japanese-era";

const failedIds = (password: string, userId = "") =>
  passwordChecks(password, userId)
    .filter((c) => !c.ok)
    .map((c) => c.id);

/** The first error message of a failed parse (or undefined when it passed). */
const errorOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) =>
  schema.safeParse(v).error?.issues[0]?.message;

const fieldErrors = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join("."));

describe("password policy", () => {
  it("lists the checklist rules in a fixed order with stable ids and labels", () => {
    const checks = passwordChecks("", "");
    expect(checks.map((c) => c.id)).toEqual(["length", "ascii", "letter", "digit", "symbol", "notUserId"]);
    for (const c of checks) expect(c.label).not.toBe("");
  });

  it("accepts 8 and 20 characters and refuses 7 and 21", () => {
    expect(PASSWORD_MIN).toBe(8);
    expect(PASSWORD_MAX).toBe(20);
    expect(passwordProblem("abc12!x")).toMatch(/8文字以上/);
    expect(passwordProblem("abc12!xy")).toBeNull();
    expect(passwordProblem("abc12!xy" + "z".repeat(12))).toBeNull();
    const long = "abc12!xy" + "z".repeat(13);
    expect(long).toHaveLength(21);
    expect(failedIds(long)).toEqual(["length"]);
    // Refused with the real length, not cut to 20 and accepted.
    expect(passwordProblem(long)).toContain("21文字");
  });

  it("refuses an empty password", () => {
    expect(passwordProblem("")).toBe("パスワードを入力してください。");
  });

  it("needs a letter, a digit and a symbol, but not mixed case", () => {
    expect(failedIds("12345678!")).toEqual(["letter"]);
    expect(passwordProblem("12345678!")).toMatch(/英字/);
    expect(failedIds("abcdefgh!")).toEqual(["digit"]);
    expect(passwordProblem("abcdefgh!")).toMatch(/数字/);
    expect(failedIds("abcd1234")).toEqual(["symbol"]);
    expect(passwordProblem("abcd1234")).toMatch(/記号/);
    expect(passwordProblem("abcd123!")).toBeNull();
    expect(passwordProblem("ABCD123!")).toBeNull();
  });

  it("counts every printable ASCII non-alphanumeric as a symbol", () => {
    for (const symbol of "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") {
      expect(passwordProblem(`abcd123${symbol}`), symbol).toBeNull();
    }
  });

  it("refuses spaces and full-width characters", () => {
    expect(failedIds("abcd 123!")).toEqual(["ascii"]);
    expect(failedIds(" abcd123!")).toEqual(["ascii"]);
    expect(failedIds("abcd123!\t")).toEqual(["ascii"]);
    expect(failedIds("ａｂｃｄ１２３！")).toEqual(expect.arrayContaining(["ascii"]));
    expect(failedIds("abcd123！")).toEqual(expect.arrayContaining(["ascii"]));
    expect(failedIds("abcd123!あ")).toEqual(["ascii"]);
    expect(passwordProblem("abcd 123!")).toMatch(/空白や全角文字/);
  });

  it("refuses a password containing the user ID, case-insensitively", () => {
    expect(failedIds("xTaro01!", "taro01")).toEqual(["notUserId"]);
    expect(failedIds("xtaro01!", "TARO01")).toEqual(["notUserId"]);
    expect(passwordProblem("xtaro01!", "Taro01")).toMatch(/ユーザーID/);
    expect(passwordProblem("xtaro02!", "taro01")).toBeNull();
    // No user ID yet (the checklist before the ID is typed): the rule is not failed.
    expect(failedIds("xtaro01!", "")).toEqual([]);
  });

  it("property: 8–20 printable ASCII with a letter, a digit and a symbol, without the ID, passes", () => {
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
    const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const digit = fc.constantFrom(..."0123456789");
    const symbol = fc.constantFrom(..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    const password = fc
      .tuple(letter, digit, symbol, fc.array(printable, { minLength: 5, maxLength: 17 }))
      .chain(([l, d, s, rest]) => fc.shuffledSubarray([l, d, s, ...rest], { minLength: rest.length + 3 }))
      .map((chars) => chars.join(""));
    const userId = fc.stringMatching(/^[A-Za-z0-9@\-_.+]{6,50}$/);
    fc.assert(
      fc.property(password, userId, (pw, id) => {
        fc.pre(!pw.toLowerCase().includes(id.toLowerCase()));
        expect(passwordProblem(pw, id)).toBeNull();
      }),
    );
  });

  it("property: over 20 characters is always refused for length, never truncated", () => {
    const printable = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(printable, { minLength: 21, maxLength: 80 }), (chars) => {
        const pw = `a1!${chars.join("")}`;
        expect(passwordChecks(pw).find((c) => c.id === "length")?.ok).toBe(false);
        expect(passwordProblem(pw)).toContain(`${pw.length}文字`);
      }),
    );
  });

  it("property: any password holding a character outside printable ASCII is refused", () => {
    const outside = fc.oneof(
      fc.constantFrom(" ", "\u3000", "\t", "\n", "\u00a0"),
      fc.integer({ min: 0x80, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.nat({ max: 10 }), outside, (at, ch) => {
        const base = "abcd123!xy";
        const pw = base.slice(0, at) + ch + base.slice(at);
        expect(passwordChecks(pw).find((c) => c.id === "ascii")?.ok).toBe(false);
        expect(passwordProblem(pw)).not.toBeNull();
      }),
    );
  });
});

describe("common passwords", () => {
  it.each(["password", "P@ssw0rd", "Password1!", "PASSWORD", "qwerty123", "iloveyou!1"])("refuses %s", (pw) => {
    expect(isCommonPassword(pw)).toBe(true);
  });

  it("accepts a random strong password", () => {
    expect(isCommonPassword("q7#Vx2!mLp9z")).toBe(false);
    expect(isCommonPassword("Kenpo#2026x")).toBe(false);
  });
});

describe("field schemas", () => {
  it("normalises the insurer code: full-width and upper case to lower-case half-width, trimmed", () => {
    expect(insurerCodeField.parse("jkc")).toBe("jkc");
    expect(insurerCodeField.parse("JKC")).toBe("jkc");
    expect(insurerCodeField.parse("ＪＫＣ")).toBe("jkc");
    expect(insurerCodeField.parse("　ｊｋｃ ")).toBe("jkc");
    expect(errorOf(insurerCodeField, "jk1")).toMatch(/半角英字/);
    expect(errorOf(insurerCodeField, "")).toBe("保険者指定コードを入力してください。");
  });

  it("converts a full-width 記号 and 番号 to half-width and trims them", () => {
    expect(symbolField.parse("１２")).toBe("12");
    expect(symbolField.parse(" 12　")).toBe("12");
    expect(numberField.parse("３４５６７")).toBe("34567");
    expect(numberField.parse("ａ１－２")).toBe("a1-2");
    expect(errorOf(symbolField, "")).toBe("記号を入力してください。");
    expect(errorOf(numberField, "12 34")).toMatch(/英数字/);
    expect(errorOf(numberField, "1".repeat(21))).toMatch(/20文字以内/);
  });

  it("takes user IDs of 6 to 50 characters only", () => {
    expect(errorOf(userIdField, "abcde")).toMatch(/6文字以上/);
    expect(userIdField.parse("abcdef")).toBe("abcdef");
    expect(userIdField.parse("a".repeat(50))).toBe("a".repeat(50));
    expect(errorOf(userIdField, "a".repeat(51))).toMatch(/50文字以内/);
  });

  it("takes letters, digits and @ - _ . + in user IDs and nothing else", () => {
    expect(userIdField.parse("Taro.Y-1_x+kenpo@example.jp")).toBe("Taro.Y-1_x+kenpo@example.jp");
    for (const bad of ["taro!01", "taro#01", "taro 01", "taro/01", "たろう0001", "taro01~"]) {
      expect(errorOf(userIdField, bad), bad).toMatch(/使えるのは/);
    }
  });

  it("converts a full-width user ID to half-width", () => {
    expect(userIdField.parse("ｔａｒｏ＿０１＠ｋｅｎｐｏ")).toBe("taro_01@kenpo");
    expect(userIdField.parse(" Taro01 ")).toBe("Taro01");
  });

  it("checks email addresses", () => {
    expect(emailField.parse("taro@example.jp")).toBe("taro@example.jp");
    expect(emailField.parse(" ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ ")).toBe("taro@example.jp");
    for (const bad of ["taro", "taro@", "@example.jp", "taro@example", "ta ro@example.jp"]) {
      expect(errorOf(emailField, bad), bad).toMatch(/形式/);
    }
    expect(errorOf(emailField, "")).toBe("メールアドレスを入力してください。");
  });

  it("accepts a 認証番号 with spaces, full-width digits or a hyphen", () => {
    for (const typed of ["123456", " 123 456 ", "１２３４５６", "123-456", "１２３　４５６", "12-34-56"]) {
      expect(codeField.parse(typed), typed).toBe("123456");
    }
    expect(verifySchema.parse({ code: "０１２３４５" })).toEqual({ code: "012345" });
  });

  it("refuses a 認証番号 of 5 or 7 digits or with letters", () => {
    for (const typed of ["12345", "1234567", "12345a", "１２３４５"]) {
      expect(errorOf(codeField, typed), typed).toBe("認証番号は6桁の数字で入力してください。");
    }
  });

  it("property: any 6 digits survive full-width, spaces and hyphens", () => {
    const toFull = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.array(fc.constantFrom("", " ", "-", "\u3000"), { minLength: 7, maxLength: 7 }), fc.boolean(), (digits, seps, full) => {
        const typed = [...digits].map((d, i) => seps[i] + (full ? toFull(d) : d)).join("") + seps[6];
        expect(codeField.parse(typed)).toBe(digits);
      }),
    );
  });

  it("takes real birth dates, with - or /, and refuses unreal and future ones", () => {
    expect(birthDateField.parse("1980-04-01")).toBe("1980-04-01");
    expect(birthDateField.parse("1980/04/01")).toBe("1980-04-01");
    expect(birthDateField.parse("１９８０－０４－０１")).toBe("1980-04-01");
    expect(birthDateField.parse("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2023-02-29", "1980-13-01", "1980-04-31", "1980-4-1", "19800401", "1899-12-31"]) {
      expect(errorOf(birthDateField, bad), bad).toBe("生年月日を正しく入力してください。");
    }
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(errorOf(birthDateField, tomorrow)).toBe("生年月日を正しく入力してください。");
    expect(errorOf(birthDateField, "")).toBe("生年月日を入力してください。");
  });

  it("calls kanji in the kana name a field error", () => {
    expect(errorOf(kanaNameField, "山田 タロウ")).toMatch(/漢字は使えません/);
    expect(errorOf(kanaNameField, "")).toBe("氏名(カナ)を入力してください。");
    expect(kanaNameField.parse("ﾔﾏﾀﾞ ﾀﾛｳ")).toBe("ﾔﾏﾀﾞ ﾀﾛｳ");
  });
});

describe("form schemas", () => {
  const match = { insurerCode: "ＪＫＣ", symbol: "１２", number: "３４５", birthDate: "1980/04/01", kanaName: "やまだ たろう" };

  it("rosterMatchSchema normalises every field", () => {
    expect(rosterMatchSchema.parse(match)).toEqual({
      insurerCode: "jkc",
      symbol: "12",
      number: "345",
      birthDate: "1980-04-01",
      kanaName: "やまだ たろう",
    });
  });

  it("rosterMatchSchema puts each error on its own field", () => {
    const r = rosterMatchSchema.safeParse({ ...match, kanaName: "山田太郎", birthDate: "1980-02-30" });
    expect(fieldErrors(r).sort()).toEqual(["birthDate", "kanaName"]);
  });

  const account = { userId: "ｔａｒｏ０１", password: "Kenpo#2026x", passwordConfirm: "Kenpo#2026x", email: "taro@example.jp" };

  it("accountSchema keeps the password exactly as typed", () => {
    expect(accountSchema.parse(account)).toEqual({ ...account, userId: "taro01" });
  });

  it("accountSchema reports a confirmation mismatch on passwordConfirm", () => {
    const r = accountSchema.safeParse({ ...account, passwordConfirm: "Kenpo#2026y" });
    expect(fieldErrors(r)).toEqual(["passwordConfirm"]);
    expect(r.error?.issues[0].message).toBe("パスワード(確認)がパスワードと一致しません。");
  });

  it("accountSchema refuses a 21-character password instead of truncating it", () => {
    const long = "Kenpo#2026x" + "y".repeat(10);
    const r = accountSchema.safeParse({ ...account, password: long, passwordConfirm: long });
    expect(fieldErrors(r)).toEqual(["password"]);
  });

  it("accountSchema compares the password with the normalised user ID", () => {
    // The ID was typed full-width; the password contains its half-width, upper-case form.
    const r = accountSchema.safeParse({ ...account, password: "x!TARO01", passwordConfirm: "x!TARO01" });
    expect(fieldErrors(r)).toEqual(["password"]);
    expect(r.error?.issues[0].message).toMatch(/ユーザーID/);
  });
});

describe("japaneseEra", () => {
  it.each([
    ["1980-04-01", "昭和55年4月1日"],
    ["1989-01-07", "昭和64年1月7日"],
    ["1989-01-08", "平成元年1月8日"],
    ["2019-04-30", "平成31年4月30日"],
    ["2019-05-01", "令和元年5月1日"],
    ["2020-01-01", "令和2年1月1日"],
    ["2029-11-01", "令和11年11月1日"],
    ["1926-12-25", "昭和元年12月25日"],
  ])("%s → %s", (iso, era) => {
    expect(japaneseEra(iso)).toBe(era);
  });

  it("gives null for what is not a date", () => {
    expect(japaneseEra("")).toBeNull();
    expect(japaneseEra("1980/04/01")).toBeNull();
    expect(japaneseEra("S55.4.1")).toBeNull();
  });

  it("gives null for a date that does not exist instead of another day's 和暦", () => {
    expect(japaneseEra("2023-02-30")).toBeNull();
    expect(japaneseEra("1980-13-01")).toBeNull();
  });
});

describe("maximum lengths of free-text fields", () => {
  it("氏名(カナ) ≤ 100, メールアドレス ≤ 254, ユーザーID ≤ 50, 記号・番号 ≤ 20, with Japanese messages", () => {
    expect(kanaNameField.safeParse("ア".repeat(100)).success).toBe(true);
    expect(errorOf(kanaNameField, "ア".repeat(101))).toBe("氏名(カナ)は100文字以内で入力してください。");
    const local = "a".repeat(64);
    const at254 = `${local}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.jp`;
    expect(at254).toHaveLength(254);
    expect(emailField.safeParse(at254).success).toBe(true);
    expect(errorOf(emailField, `x${at254}`)).toBe("メールアドレスが長すぎます。");
    expect(errorOf(userIdField, "a".repeat(51))).toBe("ユーザーIDは50文字以内で入力してください。");
    expect(errorOf(symbolField, "1".repeat(21))).toBe("記号は20文字以内で入力してください。");
    expect(errorOf(numberField, "1".repeat(21))).toBe("番号は20文字以内で入力してください。");
    expect(errorOf(insurerCodeField, "a".repeat(17))).toMatch(/^保険者指定コードは半角英字/);
    expect(errorOf(birthDateField, "1980-04-01x")).toBe("生年月日を正しく入力してください。");
    expect(errorOf(codeField, "1".repeat(21))).toBe("認証番号は6桁の数字で入力してください。");
  });

  it("password inputs are capped before hashing (a megabyte never reaches argon2)", async () => {
    const { changePasswordSchema, changeEmailSchema } = await import("@/lib/account/schemas");
    const long = "a1!".repeat(70);
    const r = changePasswordSchema.safeParse({ currentPassword: long, password: long, passwordConfirm: long });
    expect(fieldErrors(r)).toEqual(expect.arrayContaining(["currentPassword", "password", "passwordConfirm"]));
    expect(fieldErrors(changeEmailSchema.safeParse({ email: "taro@example.jp", currentPassword: long }))).toEqual(["currentPassword"]);
    expect(fieldErrors(accountSchema.safeParse({ userId: "taro_01", password: long, passwordConfirm: long, email: "taro@example.jp" }))).toEqual(expect.arrayContaining(["password"]));
  });
});
