// The password rules (SPEC §2 and the seed manual): 8–20 half-width characters with at least one
// letter, one digit and one symbol; case mix not required; never silently truncated; must not
// contain the user ID. Pure, so the form's live checklist and the server agree. The common-password
// list is checked on the server only (lib/auth/common-passwords.ts) to keep it out of the bundle.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 20;

export interface PasswordCheck {
  id: "length" | "ascii" | "letter" | "digit" | "symbol" | "notUserId";
  label: string;
  ok: boolean;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export function passwordChecks(password: string, userId = ""): PasswordCheck[] {
  const id = userId.trim().toLowerCase();
  return [
    { id: "length", label: `${PASSWORD_MIN}文字以上${PASSWORD_MAX}文字以内`, ok: password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX },
    { id: "ascii", label: "半角の英字・数字・記号だけ(空白・全角文字は使えません)", ok: password.length > 0 && PRINTABLE_ASCII.test(password) },
    { id: "letter", label: "英字(a〜z または A〜Z)を1文字以上", ok: /[A-Za-z]/.test(password) },
    { id: "digit", label: "数字(0〜9)を1文字以上", ok: /[0-9]/.test(password) },
    { id: "symbol", label: "記号(! # $ % & - _ など)を1文字以上", ok: /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(password) },
    { id: "notUserId", label: "ユーザーIDを含まない", ok: id.length === 0 || !password.toLowerCase().includes(id) },
  ];
}

/** The first rule a password breaks, as a field message, or null. */
export function passwordProblem(password: string, userId = ""): string | null {
  if (password.length === 0) return "パスワードを入力してください。";
  const failed = passwordChecks(password, userId).find((c) => !c.ok);
  if (!failed) return null;
  switch (failed.id) {
    case "length":
      return password.length > PASSWORD_MAX
        ? `パスワードは${PASSWORD_MAX}文字以内で入力してください(現在${password.length}文字)。`
        : `パスワードは${PASSWORD_MIN}文字以上で入力してください。`;
    case "ascii":
      return "パスワードには半角の英字・数字・記号だけを使ってください(空白や全角文字は使えません)。";
    case "letter":
      return "パスワードに英字を1文字以上含めてください。";
    case "digit":
      return "パスワードに数字を1文字以上含めてください。";
    case "symbol":
      return "パスワードに記号を1文字以上含めてください。";
    case "notUserId":
      return "パスワードにユーザーIDを含めないでください。";
  }
}

export const COMMON_PASSWORD_MESSAGE = "このパスワードはよく使われていて推測されやすいため使えません。別のパスワードにしてください。";
