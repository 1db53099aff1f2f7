import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { kanaNameMessage, kanaNameProblem, normalizeKanaName, type KanaNameProblem } from "@/lib/kana";

const key = normalizeKanaName;

// ---------------------------------------------------------------------------
// Helpers used by the property tests
// ---------------------------------------------------------------------------

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
}

/** Every hiragana letter (ぁ..ゖ), plus the iteration marks and ー. */
const HIRAGANA = [...range(0x3041, 0x3096), "ゝ", "ゞ", "ー"];
/** Every full-width katakana letter (ァ..ヺ), plus the iteration marks and ー. */
const KATAKANA = [...range(0x30a1, 0x30fa), "ヽ", "ヾ", "ー"];
/** Every half-width katakana letter (ｦ..ﾝ), ｰ and the two half-width sound marks. */
const HALF_WIDTH = range(0xff66, 0xff9f);
const SOUND_MARKS = ["\u3099", "\u309A", "\u309B", "\u309C", "\uFF9E", "\uFF9F"];
const DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uFF0D", "\uFF70"];
const SEPARATORS = [" ", "\u3000", "\t", "\u00A0", "\u2003", "\n", "・", "･"];
const KANA_ALPHABET = [...HIRAGANA, ...KATAKANA, ...HALF_WIDTH, ...SOUND_MARKS, ...DASHES, ...SEPARATORS];

function hiraganaToKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096\u309D\u309E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

// Full-width katakana and the half-width form at the same position.
const FULL = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
const HALF = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const TO_HALF = new Map<string, string>([
  ...[...FULL].map((ch, i): [string, string] => [ch, HALF[i]]),
  ["\u3099", "ﾞ"],
  ["\u309A", "ﾟ"],
]);

/**
 * Converts katakana to half-width the way a phone keyboard or an old system would:
 * voiced letters become two characters (ガ → ｶﾞ). Letters with no half-width form
 * (ヮヵヶヰヱヽ) stay full width.
 */
function toHalfWidth(s: string): string {
  return [...s.normalize("NFD")].map((ch) => TO_HALF.get(ch) ?? ch).join("");
}

const stringOf = (alphabet: string[], maxLength = 20) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength }).map((chars) => chars.join(""));

/** Inserts a separator before the characters at the given positions. */
function insertSeparators(s: string, inserts: Array<[number, string]>): string {
  const chars = [...s];
  for (const [pos, sep] of inserts) chars.splice(pos % (chars.length + 1), 0, sep);
  return chars.join("");
}

const RUNS = { numRuns: 500 };

// ---------------------------------------------------------------------------
// normalizeKanaName: examples
// ---------------------------------------------------------------------------

describe("normalizeKanaName", () => {
  describe("the manual's examples all give the same key", () => {
    const expected = "けんほしようこ";
    it.each(["ケンポ ショウコ", "ケンポ　ショウコ", "ケンポショウコ", "けんぽ しょうこ", "ｹﾝﾎﾟ ｼｮｳｺ", "ケンボ ジヨウコ"])(
      "%s",
      (input) => expect(key(input)).toBe(expected),
    );
  });

  describe("half-width katakana with separate sound marks", () => {
    it.each([
      ["ｶﾞ", "か"],
      ["ﾊﾟ", "は"],
      ["ﾊﾞ", "は"],
      ["ｳﾞ", "う"],
      ["ﾜﾞ", "わ"],
      ["ｦﾞ", "を"],
      ["ｸﾞｯﾄﾞ", "くつと"],
      ["ｱﾞ", "あ"], // no precomposed form: NFKC leaves a combining mark that is stripped
      ["ｶ ﾞ", "か"], // mark detached by a space
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));

    it("half-width and full-width spellings agree", () => {
      expect(key("ｶﾞｯｺｳ ﾊﾟﾝ")).toBe(key("ガッコウ パン"));
    });
  });

  describe("standalone sound marks are dropped", () => {
    it.each([
      ["カ゛", "か"], // U+309B
      ["ハ゜", "は"], // U+309C
      ["か\u3099", "か"],
      ["は\u309A", "は"],
      ["カﾞ", "か"],
      ["ハﾟ", "は"],
      ["゛カ", "か"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));
  });

  describe("voiced and semi-voiced kana fold to the plain kana", () => {
    it.each([
      ["が", "か"],
      ["ざじずぜぞ", "さしすせそ"],
      ["だぢづでど", "たちつてと"],
      ["ばびぶべぼ", "はひふへほ"],
      ["ぱぴぷぺぽ", "はひふへほ"],
      ["ガギグゲゴ", "かきくけこ"],
      ["パピプペポ", "はひふへほ"],
      ["ゞ", "ゝ"],
      ["ヾ", "ゝ"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));
  });

  describe("ヴ, ゔ and ヷヸヹヺ", () => {
    it.each([
      ["ヴ", "う"],
      ["ゔ", "う"],
      ["ヴァイオリン", "うあいおりん"],
      ["ヷ", "わ"],
      ["ヸ", "い"],
      ["ヹ", "え"],
      ["ヺ", "を"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));
  });

  describe("ゐ and ゑ fold to い and え", () => {
    it.each([
      ["ゐ", "い"],
      ["ゑ", "え"],
      ["ヰ", "い"],
      ["ヱ", "え"],
      ["ヰヱ", "いえ"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));
  });

  describe("small kana fold to the normal size", () => {
    it.each([
      ["ァィゥェォ", "あいうえお"],
      ["ャュョ", "やゆよ"],
      ["ッ", "つ"],
      ["ヮ", "わ"],
      ["ヵヶ", "かけ"],
      ["ぁぃぅぇぉ", "あいうえお"],
      ["ゃゅょっゎゕゖ", "やゆよつわかけ"],
      ["ｧｨｩｪｫｬｭｮｯ", "あいうえおやゆよつ"],
      ["ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ", "くしすとぬはひふへほむらりるれろ"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));

    it("an old roster without small kana matches", () => {
      expect(key("キヨウコ")).toBe(key("キョウコ"));
      expect(key("ハツトリ")).toBe(key("ハットリ"));
    });
  });

  describe("the long-vowel mark is kept", () => {
    it("サトー differs from サト", () => {
      expect(key("サトー")).not.toBe(key("サト"));
      expect(key("サトー")).toBe("さとー");
    });

    it.each(["ｻﾄｰ", "サトー", "さとー", "さと-", "サト－", "ｻﾄ-"])("%s == サトー", (input) => {
      expect(key(input)).toBe(key("サトー"));
    });
  });

  describe("dash look-alikes become ー", () => {
    it.each([
      ["ASCII hyphen-minus", "-"],
      ["hyphen U+2010", "\u2010"],
      ["non-breaking hyphen U+2011", "\u2011"],
      ["figure dash U+2012", "\u2012"],
      ["en dash U+2013", "\u2013"],
      ["em dash U+2014", "\u2014"],
      ["horizontal bar U+2015", "\u2015"],
      ["minus sign U+2212", "\u2212"],
      ["full-width hyphen-minus U+FF0D", "\uFF0D"],
      ["half-width prolonged mark U+FF70", "\uFF70"],
    ])("%s", (_name, dash) => expect(key(`サト${dash}`)).toBe("さとー"));

    it("the wave dash 〜 is not a dash", () => {
      expect(key("サト〜")).not.toBe("さとー");
    });
  });

  describe("を stays distinct from お", () => {
    it.each([
      ["を", "を"],
      ["ヲ", "を"],
      ["ｦ", "を"],
    ])("%s → %s", (input, expected) => expect(key(input)).toBe(expected));

    it("を does not equal お", () => {
      expect(key("ヲ")).not.toBe(key("オ"));
    });
  });

  describe("every kind of space is removed", () => {
    it.each([
      ["ASCII space", " "],
      ["ideographic space U+3000", "\u3000"],
      ["tab", "\t"],
      ["newline", "\n"],
      ["no-break space U+00A0", "\u00A0"],
      ["em space U+2003", "\u2003"],
      ["narrow no-break space U+202F", "\u202F"],
      ["several spaces", "  \u3000 "],
    ])("%s", (_name, space) => {
      expect(key(`ケンポ${space}ショウコ`)).toBe("けんほしようこ");
      expect(key(`${space}ケンポショウコ${space}`)).toBe("けんほしようこ");
    });
  });

  describe("middle dots between names are removed", () => {
    it.each([
      ["full-width ・", "ケンポ・ショウコ"],
      ["half-width ･", "ｹﾝﾎﾟ･ｼｮｳｺ"],
      ["Latin ·", "ケンポ·ショウコ"],
      ["dot and space", "ケンポ ・ ショウコ"],
    ])("%s", (_name, input) => expect(key(input)).toBe("けんほしようこ"));
  });

  describe("output", () => {
    it("is hiragana for katakana input", () => {
      expect(key("アイウエオ")).toBe("あいうえお");
    });

    it("is empty for an empty or blank input", () => {
      expect(key("")).toBe("");
      expect(key(" \u3000\t")).toBe("");
    });

    it("is in NFC even for non-kana letters that were decomposed on the way", () => {
      expect(key("é")).toBe("\u00E9");
      expect(key("가")).toBe("\uAC00");
      expect(key("e \u0301")).toBe("\u00E9");
    });

    it("expands the digraphs ヿ and ゟ", () => {
      expect(key("ヿ")).toBe("こと");
      expect(key("ゟ")).toBe("より");
    });
  });
});

// ---------------------------------------------------------------------------
// normalizeKanaName: properties
// ---------------------------------------------------------------------------

describe("normalizeKanaName properties", () => {
  it("is idempotent on kana strings", () => {
    fc.assert(
      fc.property(stringOf(KANA_ALPHABET, 30), (s) => {
        expect(key(key(s))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("is idempotent on arbitrary unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => {
        expect(key(key(s))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("is idempotent on kana mixed with arbitrary characters and combining marks", () => {
    const unit = fc.oneof(
      fc.constantFrom(...KANA_ALPHABET, "e", "\u0301", "\u0308", "\u0323", "\u1100", "\u1161"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (s) => {
        expect(key(key(s))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("is script-insensitive (hiragana and katakana give the same key)", () => {
    fc.assert(
      fc.property(stringOf(HIRAGANA), (s) => {
        expect(key(hiraganaToKatakana(s))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("is width-insensitive (full-width and half-width katakana give the same key)", () => {
    fc.assert(
      fc.property(stringOf(KATAKANA), (s) => {
        expect(key(toHalfWidth(s))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("is space-insensitive (spaces and middle dots anywhere give the same key)", () => {
    const inserts = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SEPARATORS)), { maxLength: 6 });
    fc.assert(
      fc.property(stringOf(KANA_ALPHABET), inserts, (s, ins) => {
        expect(key(insertSeparators(s, ins))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("treats every dash look-alike like ー", () => {
    fc.assert(
      fc.property(stringOf(HIRAGANA), fc.constantFrom(...DASHES), (s, dash) => {
        expect(key(s.replaceAll("ー", dash))).toBe(key(s));
      }),
      RUNS,
    );
  });

  it("outputs only plain hiragana and ー for kana input", () => {
    fc.assert(
      fc.property(stringOf(KANA_ALPHABET, 30), (s) => {
        const out = key(s);
        expect(out).toMatch(/^[あ-ゖゝー]*$/u);
        // no voiced kana
        expect(out.normalize("NFD")).not.toMatch(/[\u3099\u309A]/);
        // no small or obsolete kana
        expect(out).not.toMatch(/[ぁぃぅぇぉっゃゅょゎゕゖゐゑ]/);
        // no katakana (full or half width)
        expect(out).not.toMatch(/[\u30A1-\u30FA\u30FD-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]/);
        expect(out).not.toMatch(/\s/u);
      }),
      RUNS,
    );
  });

  it("never outputs whitespace or combining sound marks, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => {
        expect(key(s)).not.toMatch(/[\s\u3099\u309A]/u);
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------
// kanaNameProblem / kanaNameMessage
// ---------------------------------------------------------------------------

describe("kanaNameProblem", () => {
  describe("empty", () => {
    it.each([
      ["empty string", ""],
      ["ASCII spaces", "   "],
      ["ideographic spaces", "\u3000\u3000"],
      ["tabs and newlines", "\t\n"],
    ])("%s", (_name, input) => expect(kanaNameProblem(input)).toBe("empty"));
  });

  describe("kanji", () => {
    it.each([
      ["full kanji name", "健保 太郎"],
      ["kanji mixed with kana", "健ポ"],
      ["iteration mark 々", "ササキ々"],
      ["〆", "〆"],
      ["Ext A ideograph", "\u3400"],
      ["compatibility ideograph", "\uF900"],
      ["Ext B ideograph 𠮷", "𠮷田"],
      ["Kangxi radical look-alike", "\u2F00"],
      ["kanji with latin letters too", "健保 Taro"],
    ])("%s", (_name, input) => expect(kanaNameProblem(input)).toBe("kanji"));
  });

  describe("invalid", () => {
    it.each([
      ["latin letters", "Kenpo Shoko"],
      ["full-width latin", "ＫＥＮＰＯ"],
      ["kana with a latin letter", "ケンポA"],
      ["digits", "ケンポ1"],
      ["full-width digits", "ケンポ１"],
      ["emoji", "ケンポ😀"],
      ["symbols", "ケンポ!"],
      ["at sign", "けんぽ@"],
      ["wave dash", "サト〜"],
      ["only a long-vowel mark", "ー"],
      ["only dashes and spaces", "- ー －"],
      ["only a middle dot", "・"],
      ["only a sound mark", "゛"],
      ["zero-width space", "ケン\u200Bポ"],
      ["square katakana ㌀", "㌀"],
    ])("%s", (_name, input) => expect(kanaNameProblem(input)).toBe("invalid"));
  });

  describe("valid", () => {
    it.each([
      ["katakana", "ケンポ ショウコ"],
      ["hiragana", "けんぽ しょうこ"],
      ["half-width", "ｹﾝﾎﾟ ｼｮｳｺ"],
      ["ideographic space", "ケンポ　ショウコ"],
      ["no space", "ケンポショウコ"],
      ["mixed scripts and widths", "けんぽ ｼｮｳｺ"],
      ["middle dot", "ケンポ・ショウコ"],
      ["half-width middle dot", "ｹﾝﾎﾟ･ｼｮｳｺ"],
      ["long-vowel mark", "サトー"],
      ["half-width long-vowel mark", "ｻﾄｰ"],
      ["hyphen for ー", "さと-"],
      ["dash look-alikes", "サ\u2010ト\u2014ウ\u2212ｺ\uFF0D"],
      ["standalone sound marks", "カ゛ハ゜"],
      ["small kana", "ァィゥェォャュョッヮヵヶ"],
      ["ヴ and ゔ", "ヴぁゔ"],
      ["ゐゑヰヱ", "ゐゑヰヱ"],
      ["leading and trailing spaces", "  ケンポ  "],
    ])("%s", (_name, input) => expect(kanaNameProblem(input)).toBeNull());
  });

  it("accepts any kana string with at least one letter, and its key is then non-empty hiragana", () => {
    const letter = fc.constantFrom(...HIRAGANA.filter((c) => c !== "ー"), ...range(0xff71, 0xff9d));
    fc.assert(
      fc.property(stringOf(KANA_ALPHABET), letter, stringOf(KANA_ALPHABET), (a, l, b) => {
        const input = a + l + b;
        expect(kanaNameProblem(input)).toBeNull();
        expect(key(input)).toMatch(/^[あ-ゖゝー]+$/u);
      }),
      RUNS,
    );
  });
});

describe("kanaNameMessage", () => {
  it.each<[KanaNameProblem, string]>([
    ["empty", "氏名(カナ)を入力してください。"],
    ["kanji", "氏名(カナ)はひらがなかカタカナで入力してください(漢字は使えません)。"],
    ["invalid", "氏名(カナ)に使えない文字が含まれています。ひらがなかカタカナで入力してください。"],
  ])("%s", (problem, message) => expect(kanaNameMessage(problem)).toBe(message));
});
