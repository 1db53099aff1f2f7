// Field schemas shared by the forms (react-hook-form) and their server actions. FormData values are
// strings: each field normalises what phones type (full-width → half-width, stray spaces) first.
import { z } from "zod";
import { kanaNameMessage, kanaNameProblem } from "../kana";
import { PASSWORD_MAX, passwordProblem } from "../auth/password-policy";
import { halfWidth, todayInJapan } from "../normalize";
import { USER_ID_RULE } from "./checks";
import { isRealDate } from "./dates";

export { todayInJapan };

/** For z.preprocess: full-width letters and digits folded to half-width, then trimmed. */
export const halfWidthInput = (v: unknown) => (typeof v === "string" ? halfWidth(v) : v);

const required = (label: string) => z.string({ error: `${label}を入力してください。` }).min(1, `${label}を入力してください。`);

export const insurerCodeField = z.preprocess(
  (v) => (typeof v === "string" ? halfWidth(v).toLowerCase() : v),
  required("保険者指定コード").max(16, "保険者指定コードは半角英字で入力してください(例: jkc)。").regex(/^[a-z]{2,16}$/, "保険者指定コードは半角英字で入力してください(例: jkc)。"),
);

export const symbolField = z.preprocess(
  halfWidthInput,
  required("記号").max(20, "記号は20文字以内で入力してください。").regex(/^[0-9A-Za-z-]+$/, "記号は健康保険証に記載のとおり、英数字で入力してください。"),
);

export const numberField = z.preprocess(
  halfWidthInput,
  required("番号").max(20, "番号は20文字以内で入力してください。").regex(/^[0-9A-Za-z-]+$/, "番号は健康保険証に記載のとおり、英数字で入力してください。"),
);

export { isRealDate };

export const birthDateField = z.preprocess(
  (v) => (typeof v === "string" ? halfWidth(v).replace(/\//g, "-") : v),
  required("生年月日")
    .max(10, "生年月日を正しく入力してください。")
    .refine(isRealDate, "生年月日を正しく入力してください。")
    .refine((v) => v >= "1900-01-01" && v <= todayInJapan(), "生年月日を正しく入力してください。"),
);

/** Longest 氏名(カナ) accepted, in forms and in the roster alike. */
export const KANA_NAME_MAX = 100;

export const kanaNameField = z
  .string({ error: "氏名(カナ)を入力してください。" })
  .max(KANA_NAME_MAX, `氏名(カナ)は${KANA_NAME_MAX}文字以内で入力してください。`)
  .superRefine((v, ctx) => {
    if (v.length > KANA_NAME_MAX) return;
    const problem = kanaNameProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: kanaNameMessage(problem) });
  });

export { USER_ID_RULE };

export const userIdField = z.preprocess(
  halfWidthInput,
  required("ユーザーID")
    .min(6, "ユーザーIDは6文字以上で入力してください。")
    .max(50, "ユーザーIDは50文字以内で入力してください。")
    .regex(/^[A-Za-z0-9@\-_.+]+$/, "ユーザーIDに使えるのは半角の英字・数字と記号(@ - _ . +)だけです。"),
);

/**
 * Passwords are never normalised or trimmed: what was typed is what is hashed. The policy caps a
 * new password at 20 characters; this cap only keeps a megabyte of text away from the hasher.
 */
export const PASSWORD_INPUT_MAX = 200;

export const passwordField = z
  .string({ error: "パスワードを入力してください。" })
  .max(PASSWORD_INPUT_MAX, `パスワードは${PASSWORD_MAX}文字以内で入力してください。`);

export const passwordConfirmField = z
  .string({ error: "パスワード(確認)を入力してください。" })
  .max(PASSWORD_INPUT_MAX, "パスワード(確認)がパスワードと一致しません。");

/** The password the member has now (change password / email): only "something typed" is checked. */
export const currentPasswordField = z
  .string({ error: "現在のパスワードを入力してください。" })
  .min(1, "現在のパスワードを入力してください。")
  .max(PASSWORD_INPUT_MAX, "現在のパスワードが正しくありません。");

export const emailField = z.preprocess(
  halfWidthInput,
  required("メールアドレス")
    .max(254, "メールアドレスが長すぎます。")
    .pipe(z.email("メールアドレスの形式が正しくありません(例: taro@example.jp)。")),
);

/** 認証番号: full-width digits, spaces and hyphens from a pasted mail are accepted. */
export const codeField = z.preprocess(
  (v) => (typeof v === "string" ? v.normalize("NFKC").replace(/[\s-]/g, "") : v),
  required("認証番号").max(20, "認証番号は6桁の数字で入力してください。").regex(/^\d{6}$/, "認証番号は6桁の数字で入力してください。"),
);

/** Adds the password rules (and confirmation) to an object schema with userId/password fields. */
export function checkNewPassword(
  value: { password: string; passwordConfirm: string; userId?: string },
  ctx: z.RefinementCtx,
): void {
  const problem = passwordProblem(value.password, value.userId ?? "");
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  if (value.passwordConfirm !== value.password) {
    ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "パスワード(確認)がパスワードと一致しません。" });
  }
}
