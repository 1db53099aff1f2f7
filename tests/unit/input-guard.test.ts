// The shared input guard (lib/validation/input-guard.ts) and parseForm (lib/actions.ts): NUL,
// control characters and lone surrogates become field errors or a 400, never a database error;
// secrets are never echoed; random and hostile FormData never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { echoValues, parseForm, SECRET_FIELDS } from "@/lib/actions";
import { changeEmailSchema, changePasswordSchema, emailCodeSchema, forgotIdSchema, forgotPasswordSchema, resetPasswordSchema } from "@/lib/account/schemas";
import { loginSchema } from "@/lib/auth/login-schema";
import { accountSchema, rosterMatchSchema, verifySchema } from "@/lib/signup/schemas";
import { consentSchema } from "@/lib/terms/consent-schema";
import { BAD_CHARACTER_MESSAGE, formDataProblems, hasBadCharacters, hasBadQuery, searchParam } from "@/lib/validation/input-guard";
import { hostileSubmission, toFormData } from "../support/hostile-form";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** An independent oracle: C0 controls and DEL by code, lone surrogates by encodeURIComponent. */
function oracle(s: string, multiline: boolean): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 || c === 0x7f) && !(multiline && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  try {
    encodeURIComponent(s);
    return false;
  } catch {
    return true;
  }
}

describe("hasBadCharacters", () => {
  it("refuses NUL, other C0 controls, DEL, tab and line breaks, and lone surrogates in one-line values", () => {
    for (const s of ["\u0000", "a\u0000", "\u0001", "\u001f", "\u007f", "a\tb", "a\nb", "a\rb", "\ud800", "x\udfff", "\udc00\ud800"]) expect(hasBadCharacters(s), JSON.stringify(s)).toBe(true);
    for (const s of ["", "ケンポ タロウ", "けんぽ　たろう", "😀", "taro@example.jp", "\u0080", "\u00a0"]) expect(hasBadCharacters(s), JSON.stringify(s)).toBe(false);
  });

  it("allows tab, LF and CR (a textarea sends CRLF) only in multi-line values, never NUL", () => {
    expect(hasBadCharacters("一行目\r\n二行目\tタブ", { multiline: true })).toBe(false);
    expect(hasBadCharacters("一行目\r\n\u0000", { multiline: true })).toBe(true);
  });

  it("agrees with an independent oracle on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.boolean(), (s, multiline) => {
        expect(hasBadCharacters(s, { multiline })).toBe(oracle(s, multiline));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("query guards", () => {
  it("hasBadQuery looks at names and values", () => {
    expect(hasBadQuery(new URLSearchParams("to=a%40b.jp"))).toBe(false);
    expect(hasBadQuery(new URLSearchParams("to=%00"))).toBe(true);
    expect(hasBadQuery(new URLSearchParams("%00=1"))).toBe(true);
    expect(hasBadQuery(new URLSearchParams("to=a%0Ab"))).toBe(true);
  });

  it("searchParam takes the first of repeated values and drops a bad one", () => {
    expect(searchParam(undefined)).toBeUndefined();
    expect(searchParam("1")).toBe("1");
    expect(searchParam(["failed", "x"])).toBe("failed");
    expect(searchParam("\u0000")).toBeUndefined();
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.array(fc.string({ unit: "binary" }))), (v) => {
        const got = searchParam(v);
        expect(got === undefined || !hasBadCharacters(got)).toBe(true);
      }),
    );
  });
});

describe("parseForm", () => {
  it("gives a Japanese field error for a NUL byte instead of passing it on", () => {
    const result = parseForm(forgotIdSchema, form([["email", "taro\u0000@example.jp"]]));
    expect(result).toEqual({ ok: false, state: { fieldErrors: { email: BAD_CHARACTER_MESSAGE }, formError: "入力内容を確認してください。", values: {} } });
  });

  it("reports bad characters next to the schema's own errors, in repeated fields too", () => {
    const result = parseForm(rosterMatchSchema, form([["insurerCode", "jkc"], ["symbol", "01"], ["symbol", "0\t1"], ["kanaName", "ケンポ タロウ"]]));
    if (result.ok) throw new Error("parsed");
    expect(result.state.fieldErrors).toMatchObject({ symbol: BAD_CHARACTER_MESSAGE, number: "番号を入力してください。", birthDate: "生年月日を入力してください。" });
    // The clean one of the repeated values may be echoed; the bad one never is.
    expect(result.state.values).toEqual({ insurerCode: "jkc", symbol: "01", kanaName: "ケンポ タロウ" });
  });

  it("allows line breaks in the fields named multiline", () => {
    const f = form([["body", "一行目\r\n二行目"]]);
    expect(formDataProblems(f)).toEqual({ body: BAD_CHARACTER_MESSAGE });
    expect(formDataProblems(f, ["body"])).toBeNull();
  });

  it("echoes 保険者指定コード back but never a password or the 認証番号", () => {
    expect([...SECRET_FIELDS].sort()).toEqual(["code", "currentPassword", "password", "passwordConfirm"]);
    const values = echoValues(form([["insurerCode", "JKC"], ["userId", "taro_01"], ["password", "Pw9-secret!"], ["passwordConfirm", "Pw9-secret!"], ["currentPassword", "old-Pw9!"], ["code", "123456"], ["$ACTION_KEY", "k1"]]));
    expect(values).toEqual({ insurerCode: "JKC", userId: "taro_01" });
    const state = parseForm(rosterMatchSchema, form([["insurerCode", "jkc"], ["symbol", "01"]]));
    expect(state.ok ? {} : state.state.values).toEqual({ insurerCode: "jkc", symbol: "01" });
  });

  it("cuts a long echoed value without splitting a surrogate pair", () => {
    const values = echoValues(form([["kanaName", "😀".repeat(300)]]));
    expect(Array.from(values.kanaName)).toHaveLength(200);
    expect(hasBadCharacters(values.kanaName)).toBe(false);
  });

  it("treats a field named __proto__ as a field", () => {
    const result = parseForm(forgotIdSchema, form([["__proto__", "x"], ["email", "taro@example.jp"]]));
    expect(result).toEqual({ ok: true, data: { email: "taro@example.jp" } });
  });
});

// Every member form's schema, with the fields its form sends and the ones it requires.
const FORMS = [
  { name: "signup", schema: rosterMatchSchema, fields: ["insurerCode", "symbol", "number", "birthDate", "kanaName"] },
  { name: "signup/account", schema: accountSchema, fields: ["userId", "password", "passwordConfirm", "email"] },
  { name: "signup/verify", schema: verifySchema, fields: ["code"] },
  { name: "login", schema: loginSchema, fields: ["userId", "password"] },
  { name: "terms", schema: consentSchema, fields: ["agree", "termsVersionId"] },
  { name: "forgot-password", schema: forgotPasswordSchema, fields: ["userId", "email"] },
  { name: "forgot-password/reset", schema: resetPasswordSchema, fields: ["code", "password", "passwordConfirm", "userId"], required: ["code", "password", "passwordConfirm"] },
  { name: "forgot-id", schema: forgotIdSchema, fields: ["email"] },
  { name: "account password", schema: changePasswordSchema, fields: ["currentPassword", "password", "passwordConfirm", "userId"], required: ["currentPassword", "password", "passwordConfirm"] },
  { name: "account email", schema: changeEmailSchema, fields: ["email", "currentPassword"] },
  { name: "account email code", schema: emailCodeSchema, fields: ["code"] },
] as const;

describe.each(FORMS)("the $name schema under random and hostile FormData", ({ schema, fields, ...rest }) => {
  const required = "required" in rest ? rest.required : fields;

  it("never throws, and a submission that cannot be valid always gets a field error", () => {
    fc.assert(
      fc.property(hostileSubmission(fields, { required }), (entries) => {
        const formData = toFormData(entries);
        const result = parseForm(schema, formData);
        if (result.ok) throw new Error(`accepted ${JSON.stringify(entries).slice(0, 300)}`);
        expect(Object.keys(result.state.fieldErrors ?? {}).length).toBeGreaterThan(0);
        expect(result.state.formError).toBe("入力内容を確認してください。");
        for (const [key, value] of formData.entries()) {
          if (typeof value === "string" && hasBadCharacters(value) && !key.startsWith("$")) {
            expect(Object.hasOwn(result.state.fieldErrors ?? {}, key)).toBe(true);
            expect(result.state.fieldErrors?.[key]).toBe(BAD_CHARACTER_MESSAGE);
          }
        }
        for (const [key, value] of Object.entries(result.state.values ?? {})) {
          expect(SECRET_FIELDS.has(key)).toBe(false);
          expect(hasBadCharacters(value)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it("any FormData of random strings returns data or a field error, without throwing", () => {
    const entry = fc.tuple(fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 8 })), fc.string({ unit: "binary", maxLength: 30 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const result = parseForm(schema, form(entries));
        if (!result.ok) expect(Object.keys(result.state.fieldErrors ?? {}).length).toBeGreaterThan(0);
        else expect(result.data).toBeTypeOf("object");
      }),
      { numRuns: 150 },
    );
  });
});
