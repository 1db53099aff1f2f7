// Normalising and checking single roster values. Each check pushes short Japanese messages (the
// caller adds `line N: `) and returns the normalised value, or undefined when it is unusable.
import { kanaNameProblem, normalizeKanaName } from "../kana";
import { halfWidth } from "../normalize";
import { hasBadCharacters } from "../validation/input-guard";

export { halfWidth };

/** 保険者指定コード as stored: half-width, lower case (members may type ＪＫＣ). */
export function unionCodeOf(value: string): string {
  return halfWidth(value).toLowerCase();
}

/** Shows a value inside a message without letting a runaway field flood the report. */
export function quote(value: string): string {
  const v = value.length > 30 ? `${value.slice(0, 30)}…` : value;
  return `「${v}」`;
}

// Sign-up accepts only these characters for 記号 and 番号 (lib/validation/fields.ts), so a roster
// value outside them could never be matched: reject it here, where staff can fix it.
const CODE = /^[0-9A-Za-z-]{1,20}$/;

export function checkCode(raw: string, label: "記号" | "番号", problems: string[]): string | undefined {
  const value = halfWidth(raw);
  if (value === "") problems.push(`${label}が空です`);
  else if (!CODE.test(value)) problems.push(`${label}${quote(value)}は 20 文字以内の英数字にしてください`);
  else return value;
  return undefined;
}

/**
 * 枝番 is two digits. Excel turns "00" into "0" and "01" into "1" when the cell was typed as a
 * number, so one digit is accepted and zero-padded.
 */
export function checkBranch(raw: string, problems: string[]): string | undefined {
  const value = halfWidth(raw);
  if (value === "") problems.push("枝番が空です");
  else if (!/^\d{1,2}$/.test(value)) problems.push(`枝番${quote(value)}は 2 桁の数字にしてください`);
  else return value.padStart(2, "0");
  return undefined;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Reads `min`..`max` ASCII digits at `at` → [value, end], else undefined. Hand-rolled: it runs a million times. */
function digitsAt(s: string, at: number, min: number, max: number): [value: number, end: number] | undefined {
  let value = 0;
  let i = at;
  while (i < s.length && i - at < max) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    i++;
  }
  return i - at >= min ? [value, i] : undefined;
}

/** Parses YYYY-M-D or YYYY/M/D (one or two digits for month and day, one separator kind). */
function parseDate(s: string): { y: number; m: number; d: number } | undefined {
  const y = digitsAt(s, 0, 4, 4);
  const sep = s[4];
  if (!y || (sep !== "-" && sep !== "/")) return undefined;
  const m = digitsAt(s, 5, 1, 2);
  if (!m || s[m[1]] !== sep) return undefined;
  const d = digitsAt(s, m[1] + 1, 1, 2);
  if (!d || d[1] !== s.length) return undefined;
  return { y: y[0], m: m[0], d: d[0] };
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** 生年月日: YYYY-MM-DD or YYYY/MM/DD (Excel writes 1990/1/2), a real date from 1900 up to today. */
export function checkBirthDate(raw: string, today: string, problems: string[]): string | undefined {
  const value = halfWidth(raw);
  if (value === "") {
    problems.push("生年月日が空です");
    return undefined;
  }
  const date = parseDate(value);
  if (!date) {
    problems.push(`生年月日${quote(value)}は YYYY-MM-DD か YYYY/MM/DD の形にしてください`);
    return undefined;
  }
  if (!isRealDate(date.y, date.m, date.d)) {
    problems.push(`生年月日${quote(value)}が正しい日付ではありません`);
    return undefined;
  }
  const iso = value.length === 10 && value[4] === "-" ? value : `${String(date.y).padStart(4, "0")}-${pad2(date.m)}-${pad2(date.d)}`;
  if (iso > today) problems.push(`生年月日${quote(value)}が未来の日付です`);
  else if (iso < "1900-01-01") problems.push(`生年月日${quote(value)}が古すぎます(1900 年以降にしてください)`);
  else return iso;
  return undefined;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A date typed as YYYY-MM-DD or YYYY/M/D (full width too) → YYYY-MM-DD, if it exists. */
export function isoDate(raw: string): string | undefined {
  const date = parseDate(halfWidth(raw));
  if (!date || !isRealDate(date.y, date.m, date.d)) return undefined;
  return `${String(date.y).padStart(4, "0")}-${pad2(date.m)}-${pad2(date.d)}`;
}

/** Same limit as the sign-up form's 氏名(カナ) (lib/validation/fields.ts). */
export const KANA_NAME_MAX = 100;

const KANA_MESSAGES = {
  empty: "氏名カナが空です",
  control: "氏名カナに改行などの制御文字が含まれています",
  long: `氏名カナが長すぎます(${KANA_NAME_MAX} 文字まで)`,
  kanji: "氏名カナに漢字が含まれています(カタカナかひらがなにしてください)",
  invalid: "氏名カナに使えない文字が含まれています(カタカナかひらがなにしてください)",
} as const;

export function checkKanaName(raw: string, problems: string[]): { kanaName: string; kanaKey: string } | undefined {
  // kanaNameProblem accepts any whitespace as the family/given separator; in a roster a tab or line
  // break inside a quoted cell is a mistake (and would break the COPY text the import streams).
  const trimmed = raw.trim();
  if (hasBadCharacters(trimmed)) {
    problems.push(KANA_MESSAGES.control);
    return undefined;
  }
  if (trimmed.length > KANA_NAME_MAX) {
    problems.push(KANA_MESSAGES.long);
    return undefined;
  }
  const problem = kanaNameProblem(raw);
  if (problem) {
    problems.push(problem === "empty" ? KANA_MESSAGES.empty : `${KANA_MESSAGES[problem]}: ${quote(raw.trim())}`);
    return undefined;
  }
  // NFKC turns half-width katakana into full width, so staff and admins see one spelling.
  const kanaName = raw.normalize("NFKC").trim();
  return { kanaName, kanaKey: normalizeKanaName(kanaName) };
}

/** A required free-text value (氏名, 続柄), trimmed; `nfkc` also folds full-width forms. */
export function checkText(raw: string, label: string, max: number, problems: string[], nfkc = false): string | undefined {
  const value = nfkc ? halfWidth(raw) : raw.trim();
  if (value === "") problems.push(`${label}が空です`);
  else if (value.length > max) problems.push(`${label}が長すぎます(${max} 文字まで)`);
  else if (hasBadCharacters(value)) problems.push(`${label}に改行などの制御文字が含まれています`);
  else return value;
  return undefined;
}

// A line break inside a quoted cell (Alt+Enter in Excel) is legal CSV but never part of a name;
// NUL and lone surrogates are refused too (PostgreSQL rejects NUL in text).

const SEX: Record<string, "M" | "F"> = { 男: "M", 1: "M", M: "M", m: "M", 女: "F", 2: "F", F: "F", f: "F" };

/** 性別 is optional: 男/女, 1/2 or M/F (full width too), stored as M/F. */
export function checkSex(raw: string | undefined, problems: string[]): "M" | "F" | null | undefined {
  const value = raw === undefined ? "" : halfWidth(raw);
  if (value === "") return null;
  const sex = SEX[value];
  if (!sex) problems.push(`性別${quote(value)}は 男・女、1・2、M・F のどれかにしてください`);
  return sex;
}
