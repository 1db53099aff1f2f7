// Matching a member's name written in kana against the roster.
//
// People type the same name in many ways: katakana or hiragana, full or half
// width, with or without a space, "ジョウ" or "ジヨウ" (older rosters have no small
// kana), a hyphen instead of "ー" on a phone keyboard. `normalizeKanaName` maps
// all of those to one key; `kanaNameProblem` validates the form field.

/** Hyphen/dash look-alikes typed instead of the long-vowel mark "ー". "〜" is deliberately not one. */
const DASHES = /[-\u2010-\u2015\u2212\uFF0D\uFF70]/g;

/** Whitespace and the middle dots people put between family and given name. */
const SEPARATORS = /[\s\u00B7\u30FB\uFF65]/gu;

/** Combining voiced/semi-voiced marks, as produced by NFD (and by NFKC for standalone marks). */
const COMBINING_MARKS = /[\u3099\u309A]/g;

/**
 * Small kana and obsolete kana folded to their plain hiragana form. Voiced forms
 * need no entry: they are decomposed and their marks stripped before this table is used.
 * U+31F0..U+31FF are the small katakana of the Katakana Phonetic Extensions block,
 * which NFKC leaves alone and which have no hiragana counterpart to shift to.
 */
const FOLD_FROM = "ぁぃぅぇぉっゃゅょゎゕゖゐゑㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ";
const FOLD_TO = "あいうえおつやゆよわかけいえくしすとぬはひふへほむらりるれろ";
const FOLD = new Map([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i]]));

/** Katakana letters ァ..ヶ and the iteration marks ヽヾ sit exactly 0x60 above their hiragana. */
const KATAKANA_SHIFTABLE = /[\u30A1-\u30F6\u30FD\u30FE]/g;

function katakanaToHiragana(s: string): string {
  return s.replace(KATAKANA_SHIFTABLE, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

function foldSmallKana(s: string): string {
  return s.replace(/[ぁ-ゖㇰ-ㇿ]/g, (ch) => FOLD.get(ch) ?? ch);
}

/** Removes every voicing mark: が→か, ぱ→は, ヴ→ウ, ヷ→ワ, and stray ゛/ﾞ marks. */
function stripVoicing(s: string): string {
  return s.normalize("NFD").replace(COMBINING_MARKS, "");
}

/**
 * The match key for a kana name: hiragana without voicing, small kana or spaces;
 * "ー" is kept (サトー and サト are different names). Idempotent.
 */
export function normalizeKanaName(input: string): string {
  // NFKC folds half-width katakana to full width and composes "ｶﾞ" into "ガ";
  // a standalone "゛" (U+309B) becomes " " + U+3099, both of which are removed below.
  let s = input.normalize("NFKC");
  s = s.replace(DASHES, "ー");
  s = s.replace(SEPARATORS, "");
  s = stripVoicing(s);
  s = katakanaToHiragana(s);
  s = foldSmallKana(s);
  // NFD above also decomposed any non-kana letters (é, Hangul); recompose so the
  // key is always in NFC, the form strings are stored and compared in.
  return s.normalize("NFC");
}

export type KanaNameProblem = "empty" | "kanji" | "invalid";

/** Kana letters: hiragana, katakana (incl. ヽヾヿゝゞゟ), small katakana extensions, half-width katakana. */
const KANA_LETTER = "\u3041-\u3096\u309D-\u309F\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\uFF66-\uFF6F\uFF71-\uFF9D";
/** Sound marks, long-vowel marks and their dash look-alikes, separators. */
const KANA_EXTRA = "\u3099-\u309C\uFF9E\uFF9F\u30FC\uFF70\\-\u2010-\u2015\u2212\uFF0D\\s\u00B7\u30FB\uFF65";

const HAS_KANA_LETTER = new RegExp(`[${KANA_LETTER}]`, "u");
const ONLY_KANA = new RegExp(`^[${KANA_LETTER}${KANA_EXTRA}]+$`, "u");

/**
 * CJK ideographs (Ext A, URO, compatibility, Ext B and beyond such as 𠮷), 々, 〆 and 〇.
 * Tested after NFKC so that look-alikes such as Kangxi radicals (⼀) or "㍻" count as kanji too.
 */
const KANJI = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3005\u3006\u3007\u{20000}-\u{3FFFF}]/u;

/** Validation for the "name in kana" form field; null when the value is acceptable. */
export function kanaNameProblem(input: string): KanaNameProblem | null {
  const value = input.trim();
  if (value === "") return "empty";
  if (KANJI.test(value.normalize("NFKC"))) return "kanji";
  // At least one real letter: "ー", "゛" or "・" alone is not a name.
  if (!ONLY_KANA.test(value) || !HAS_KANA_LETTER.test(value)) return "invalid";
  return null;
}

const MESSAGES: Record<KanaNameProblem, string> = {
  empty: "氏名(カナ)を入力してください。",
  kanji: "氏名(カナ)はひらがなかカタカナで入力してください(漢字は使えません)。",
  invalid: "氏名(カナ)に使えない文字が含まれています。ひらがなかカタカナで入力してください。",
};

/** The Japanese message shown under the field for a validation problem. */
export function kanaNameMessage(problem: KanaNameProblem): string {
  return MESSAGES[problem];
}
