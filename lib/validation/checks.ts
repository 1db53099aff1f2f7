// The browser's copy of the member door's field rules, without zod (the full zod build was ~60 KB
// of a phone's download on every form page). The server still parses with the zod schemas
// (lib/auth/login-schema.ts, lib/signup/schemas.ts); tests/unit/client-checks.test.ts holds the
// two to the same first message per field for generated input.
import { kanaNameMessage, kanaNameProblem } from "../kana";
import { halfWidth, todayInJapan } from "../normalize";
import { isRealDate } from "./dates";
import { passwordProblem } from "../auth/password-policy";

export const USER_ID_RULE = "半角の英字・数字・記号(@ - _ . +)で6文字以上50文字以内";

/** The form's values by field name (what FormData holds), in, the first message per field, out. */
export type Values = Record<string, unknown>;
export type FieldErrors = Record<string, string>;
export type Check = (values: Values) => FieldErrors;

/** One field: the first rule it breaks, or null. `undefined` is a missing field. */
type Rule = (value: unknown) => string | null;

const text = (v: unknown) => (typeof v === "string" ? v : undefined);
const halfWidthText = (v: unknown) => (typeof v === "string" ? halfWidth(v) : undefined);

/** zod's email pattern (zod/v4/core regexes.email), the one `z.email()` applies on the server. */
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** Length in code points, as zod counts it (an emoji is one character, not two UTF-16 units). */
const len = (s: string) => (/[\ud800-\udbff]/.test(s) ? [...s].length : s.length);

function required(label: string, value: string | undefined): string | null {
  return value === undefined || value.length < 1 ? `${label}を入力してください。` : null;
}

const rules = {
  insurerCode: (v) => {
    const s = typeof v === "string" ? halfWidth(v).toLowerCase() : undefined;
    const bad = "保険者指定コードは半角英字で入力してください(例: jkc)。";
    return required("保険者指定コード", s) ?? (len(s!) > 16 || !/^[a-z]{2,16}$/.test(s!) ? bad : null);
  },
  symbol: (v) => cardCode("記号", halfWidthText(v)),
  number: (v) => cardCode("番号", halfWidthText(v)),
  birthDate: (v) => {
    const s = typeof v === "string" ? halfWidth(v).replace(/\//g, "-") : undefined;
    const bad = "生年月日を正しく入力してください。";
    return required("生年月日", s) ?? (len(s!) > 10 || !isRealDate(s!) || s! < "1900-01-01" || s! > todayInJapan() ? bad : null);
  },
  kanaName: (v) => {
    const s = text(v);
    if (s === undefined) return "氏名(カナ)を入力してください。";
    if (len(s) > 100) return "氏名(カナ)は100文字以内で入力してください。";
    // The server's rule skips the kana check past 100 UTF-16 units (lib/validation/fields.ts).
    const problem = s.length > 100 ? null : kanaNameProblem(s);
    return problem ? kanaNameMessage(problem) : null;
  },
  userId: (v) => {
    const s = halfWidthText(v);
    return (
      required("ユーザーID", s) ??
      (len(s!) < 6
        ? "ユーザーIDは6文字以上で入力してください。"
        : len(s!) > 50
          ? "ユーザーIDは50文字以内で入力してください。"
          : /^[A-Za-z0-9@\-_.+]+$/.test(s!)
            ? null
            : "ユーザーIDに使えるのは半角の英字・数字と記号(@ - _ . +)だけです。")
    );
  },
  email: (v) => {
    const s = halfWidthText(v);
    return required("メールアドレス", s) ?? (len(s!) > 254 ? "メールアドレスが長すぎます。" : EMAIL.test(s!) ? null : "メールアドレスの形式が正しくありません(例: taro@example.jp)。");
  },
} satisfies Record<string, Rule>;

function cardCode(label: string, s: string | undefined): string | null {
  if (required(label, s)) return required(label, s);
  if (len(s!) > 20) return `${label}は20文字以内で入力してください。`;
  return /^[0-9A-Za-z-]+$/.test(s!) ? null : `${label}は健康保険証に記載のとおり、英数字で入力してください。`;
}

function collect(values: Values, fields: Record<string, Rule>): FieldErrors {
  const out: FieldErrors = {};
  for (const [name, rule] of Object.entries(fields)) {
    const message = rule(Object.hasOwn(values, name) ? values[name] : undefined);
    if (message) out[name] = message;
  }
  return out;
}

/** loginSchema: something typed, nothing absurdly long. */
export const loginCheck: Check = (values) =>
  collect(values, {
    userId: (v) => {
      const s = halfWidthText(v);
      return s === undefined || s.length < 1 ? "ユーザーIDを入力してください。" : len(s) > 100 ? "ユーザーIDまたはパスワードが正しくありません。" : null;
    },
    password: (v) => {
      const s = text(v);
      return s === undefined || s.length < 1 ? "パスワードを入力してください。" : len(s) > 200 ? "ユーザーIDまたはパスワードが正しくありません。" : null;
    },
  });

/** rosterMatchSchema. */
export const rosterMatchCheck: Check = (values) =>
  collect(values, { insurerCode: rules.insurerCode, symbol: rules.symbol, number: rules.number, birthDate: rules.birthDate, kanaName: rules.kanaName });

/**
 * accountSchema: the fields, then the password rules and the confirmation. Like zod's superRefine,
 * the second step is skipped only when a field is missing altogether; a field's own message comes first.
 */
export const accountCheck: Check = (values) => {
  const out = collect(values, {
    userId: rules.userId,
    password: (v) => (text(v) === undefined ? "パスワードを入力してください。" : len(text(v)!) > 200 ? "パスワードは20文字以内で入力してください。" : null),
    passwordConfirm: (v) => (text(v) === undefined ? "パスワード(確認)を入力してください。" : len(text(v)!) > 200 ? "パスワード(確認)がパスワードと一致しません。" : null),
    email: rules.email,
  });
  const fields = ["userId", "password", "passwordConfirm", "email"] as const;
  if (fields.some((name) => typeof values[name] !== "string" || !Object.hasOwn(values, name))) return out;
  const password = values.password as string;
  const problem = passwordProblem(password, halfWidth(values.userId as string));
  if (problem) out.password ??= problem;
  if (values.passwordConfirm !== password) out.passwordConfirm ??= "パスワード(確認)がパスワードと一致しません。";
  return out;
};
