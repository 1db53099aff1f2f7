import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readRoster, type ParseOptions } from "@/lib/roster/parse";
import type { RosterRow } from "@/lib/roster/types";

const JA = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const EN = "symbol,number,branch,name,kana_name,birth_date,relationship,sex";
const TODAY = "2026-04-01";

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function parse(input: string | Buffer, options: Partial<ParseOptions> & { chunk?: number } = {}) {
  const bytes = typeof input === "string" ? Buffer.from(input) : input;
  const gen = readRoster(chunks(bytes, options.chunk ?? 1 << 16), { today: TODAY, ...options });
  const rows: RosterRow[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { ...next.value, valid: rows };
    rows.push(...next.value);
  }
}

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;
const errorsOf = async (...lines: string[]) => (await parse(csv(...lines))).errors;

describe("readRoster: valid files", () => {
  it("normalises every value of a Japanese-header file", async () => {
    const result = await parse(
      csv(
        JA,
        "１２,３４５,0,健保 太郎, ｹﾝﾎﾟ ﾀﾛｳ ,1980/1/2,本人,男",
        "12,345,1,健保 花子,けんぽ はなこ,1982-03-04,妻,2",
        "12,345,02,健保 一郎,ケンポ イチロウ,2010/12/31,子,",
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ encoding: "utf-8", rows: 3, errorCount: 0 });
    expect(result.valid).toEqual([
      { line: 2, symbol: "12", number: "345", branch: "00", name: "健保 太郎", kanaName: "ケンポ タロウ", kanaKey: "けんほたろう", birthDate: "1980-01-02", relationship: "本人", sex: "M", isInsured: true },
      { line: 3, symbol: "12", number: "345", branch: "01", name: "健保 花子", kanaName: "けんぽ はなこ", kanaKey: "けんほはなこ", birthDate: "1982-03-04", relationship: "妻", sex: "F", isInsured: false },
      { line: 4, symbol: "12", number: "345", branch: "02", name: "健保 一郎", kanaName: "ケンポ イチロウ", kanaKey: "けんほいちろう", birthDate: "2010-12-31", relationship: "子", sex: null, isInsured: false },
    ]);
  });

  it("accepts English headers in any order, without the optional sex column", async () => {
    const result = await parse(csv("birth_date , kana_name,relationship,branch,symbol,number,name", "1990-05-06,サトウ ハナコ,本人,00,7,88,佐藤 花子"));
    expect(result.errors).toEqual([]);
    expect(result.valid[0]).toMatchObject({ symbol: "7", number: "88", branch: "00", birthDate: "1990-05-06", kanaName: "サトウ ハナコ", sex: null });
  });

  it("accepts the English header in the documented order", async () => {
    const result = await parse(csv(EN, "A1,0042,00,Sato Hanako,サトウ ハナコ,1990/5/6,本人,F"));
    expect(result.errors).toEqual([]);
    expect(result.valid[0]).toMatchObject({ symbol: "A1", number: "0042", name: "Sato Hanako", birthDate: "1990-05-06", sex: "F" });
  });

  it("accepts 氏名(カナ) (full-width parentheses too) and ignores unknown columns such as 備考", async () => {
    const result = await parse(csv("記号,番号,枝番,氏名,氏名（カナ）,生年月日,続柄,備考", "1,2,00,山田 一,ヤマダ ハジメ,1970-01-01,本人,メモ"));
    expect(result.errors).toEqual([]);
    expect(result.valid).toHaveLength(1);
  });

  it("reads every form of 性別", async () => {
    const sexes = ["男", "女", "1", "2", "M", "F", "m", "f", "Ｍ", "Ｆ", "", " "];
    const lines = sexes.map((s, i) => `1,${100 + i},00,名前,ナマエ,1970-01-01,本人,${s}`);
    const result = await parse(csv(JA, ...lines));
    expect(result.errors).toEqual([]);
    expect(result.valid.map((r) => r.sex)).toEqual(["M", "F", "M", "F", "M", "F", "M", "F", "M", "F", null, null]);
  });

  it("reads both date forms with one- or two-digit month and day, and real leap days only", async () => {
    const dates = ["1990-01-02", "1990/01/02", "1990/1/2", "1990-1-2", "２０００／２／２９"];
    const result = await parse(csv(JA, ...dates.map((d, i) => `1,${i},00,名前,ナマエ,${d},本人,`)));
    expect(result.errors).toEqual([]);
    expect(result.valid.map((r) => r.birthDate)).toEqual(["1990-01-02", "1990-01-02", "1990-01-02", "1990-01-02", "2000-02-29"]);
  });

  it("skips blank lines and Excel's cleared rows but still counts them", async () => {
    const result = await parse(csv(JA, "", ",,,,,,,", "1,2,00,名前,ナマエ,1970-01-01,本人,", "", "1,2,01,名前,ナマエ,1970-01-01,本人,"));
    expect(result.valid.map((r) => r.line)).toEqual([4]);
    expect(result.errors).toEqual(["line 6: 続柄が本人の行は枝番を 00 にしてください(枝番「01」)"]);
  });

  it("accepts LF and CR line endings, mixed", async () => {
    const text = `${JA}\n1,1,00,名前,ナマエ,1970-01-01,本人,\r1,2,00,名前,ナマエ,1970-01-01,本人,\r\n1,3,00,名前,ナマエ,1970-01-01,本人,`;
    const result = await parse(text);
    expect(result.errors).toEqual([]);
    expect(result.valid.map((r) => [r.line, r.number])).toEqual([[2, "1"], [3, "2"], [4, "3"]]);
  });

  it("counts physical lines across quoted values with line breaks (LF and CRLF)", async () => {
    const text = csv(JA, '1,1,00,"名前",ナマエ,1970-01-01,本人,', '1,2,00,"名\n前",ナマエ,1970-01-01,本人,', '1,3,00,"名\r\n前",ナマエ,1970-01-01,本人,', "1,4,00,名前,ナマエ,1970-13-01,本人,");
    const result = await parse(text);
    expect(result.errors).toEqual([
      "line 3: 氏名に改行などの制御文字が含まれています",
      "line 5: 氏名に改行などの制御文字が含まれています",
      "line 7: 生年月日「1970-13-01」が正しい日付ではありません",
    ]);
  });

  it("gives the same rows whatever the chunk size", async () => {
    const text = csv(JA, ...Array.from({ length: 50 }, (_, i) => `${i},"${i}",00,"名前 ${i}",ナマエ,1970-01-01,本人,女`));
    const whole = await parse(text);
    const tiny = await parse(text, { chunk: 7 });
    expect(tiny.valid).toEqual(whole.valid);
    expect(whole.valid).toHaveLength(50);
  });
});

describe("readRoster: errors, each with its line", () => {
  it("an empty file", async () => {
    expect((await parse("")).errors).toEqual(["line 1: ファイルが空です"]);
    expect((await parse("\r\n\r\n")).errors).toEqual(["line 1: ファイルが空です"]);
  });

  it("a header without data", async () => {
    expect((await parse(csv(JA))).errors).toEqual(["line 2: データ行がありません"]);
  });

  it("a missing header row", async () => {
    const errors = await errorsOf("1,2,00,名前,ナマエ,1970-01-01,本人,");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 1: 見出し行がありません/);
  });

  it("a missing or repeated required column, all at once", async () => {
    expect(await errorsOf("記号,番号,枝番,氏名,氏名カナ,続柄,記号", "1,2,00,名前,ナマエ,本人,1")).toEqual([
      "line 1: 列「記号」が 2 回あります",
      "line 1: 必須の列「生年月日」(birth_date)がありません",
    ]);
  });

  it("bad dates", async () => {
    expect(
      await errorsOf(
        JA,
        "1,1,00,名前,ナマエ,1990-13-01,本人,",
        "1,2,00,名前,ナマエ,1990-02-30,本人,",
        "1,3,00,名前,ナマエ,1900-02-29,本人,",
        "1,4,00,名前,ナマエ,H2.1.1,本人,",
        "1,5,00,名前,ナマエ,1990-01/02,本人,",
        "1,6,00,名前,ナマエ,2026-04-02,本人,",
        "1,7,00,名前,ナマエ,1899-12-31,本人,",
        "1,8,00,名前,ナマエ,,本人,",
      ),
    ).toEqual([
      "line 2: 生年月日「1990-13-01」が正しい日付ではありません",
      "line 3: 生年月日「1990-02-30」が正しい日付ではありません",
      "line 4: 生年月日「1900-02-29」が正しい日付ではありません",
      "line 5: 生年月日「H2.1.1」は YYYY-MM-DD か YYYY/MM/DD の形にしてください",
      "line 6: 生年月日「1990-01/02」は YYYY-MM-DD か YYYY/MM/DD の形にしてください",
      "line 7: 生年月日「2026-04-02」が未来の日付です",
      "line 8: 生年月日「1899-12-31」が古すぎます(1900 年以降にしてください)",
      "line 9: 生年月日が空です",
    ]);
  });

  it("empty, kanji or non-kana 氏名カナ", async () => {
    expect(await errorsOf(JA, "1,1,00,名前,,1990-01-01,本人,", "1,2,00,名前,山田,1990-01-01,本人,", "1,3,00,名前,Yamada,1990-01-01,本人,")).toEqual([
      "line 2: 氏名カナが空です",
      "line 3: 氏名カナに漢字が含まれています(カタカナかひらがなにしてください): 「山田」",
      "line 4: 氏名カナに使えない文字が含まれています(カタカナかひらがなにしてください): 「Yamada」",
    ]);
  });

  it("control characters in 氏名カナ and 氏名 (tab, line breaks, NUL) are line errors", async () => {
    expect(
      await errorsOf(
        JA,
        '1,1,00,名前,"ケンポ\tタロウ",1990-01-01,本人,',
        '1,2,00,名前,"ケンポ\nタロウ",1990-01-01,本人,',
        '1,3,00,名前,"ケンポ\rタロウ",1990-01-01,本人,',
        "1,4,00,名前,ケンポ\u0000タロウ,1990-01-01,本人,",
        '1,5,00,"名\t前",ケンポ タロウ,1990-01-01,本人,',
        "1,6,00,名\u0000前,ケンポ タロウ,1990-01-01,本人,",
      ),
    ).toEqual([
      // A quoted LF or CR is a physical line: the rows after it start one line later.
      "line 2: 氏名カナに改行などの制御文字が含まれています",
      "line 3: 氏名カナに改行などの制御文字が含まれています",
      "line 5: 氏名カナに改行などの制御文字が含まれています",
      "line 7: 氏名カナに改行などの制御文字が含まれています",
      "line 8: 氏名に改行などの制御文字が含まれています",
      "line 9: 氏名に改行などの制御文字が含まれています",
    ]);
  });

  it("a 氏名カナ over 100 characters", async () => {
    expect(await errorsOf(JA, `1,1,00,名前,${"ア".repeat(100)},1990-01-01,本人,`, `1,2,00,名前,${"ア".repeat(101)},1990-01-01,本人,`)).toEqual([
      "line 3: 氏名カナが長すぎます(100 文字まで)",
    ]);
  });

  it("missing or malformed 記号, 番号, 枝番, 氏名, 続柄 and 性別 — every problem of a row", async () => {
    expect(await errorsOf(JA, ",１２ ３,123,,ナマエ,1990-01-01,,X")).toEqual([
      "line 2: 記号が空です",
      "line 2: 番号「12 3」は 20 文字以内の英数字にしてください",
      "line 2: 枝番「123」は 2 桁の数字にしてください",
      "line 2: 氏名が空です",
      "line 2: 続柄が空です",
      "line 2: 性別「X」は 男・女、1・2、M・F のどれかにしてください",
    ]);
  });

  it("枝番 00 and 続柄 本人 that disagree", async () => {
    expect(await errorsOf(JA, "1,1,00,名前,ナマエ,1990-01-01,妻,", "1,1,01,名前,ナマエ,1990-01-01,本人,")).toEqual([
      "line 2: 枝番 00 は本人の行ですが、続柄が「妻」です",
      "line 3: 続柄が本人の行は枝番を 00 にしてください(枝番「01」)",
    ]);
  });

  it("the same person twice, naming both lines, however the key was written", async () => {
    expect(
      await errorsOf(JA, "12,345,00,名前,ナマエ,1990-01-01,本人,", "12,345,01,名前,ナマエ,1990-01-01,妻,", "１２,３４５,0,名前,ナマエ,1990-01-01,本人,"),
    ).toEqual(["line 4: 記号・番号・枝番「12・345・00」が 2 行目と重複しています"]);
  });

  it("a duplicate is found even when the repeated row is otherwise invalid", async () => {
    expect(await errorsOf(JA, "1,1,00,名前,ナマエ,1990-01-01,本人,", "1,1,00,名前,,1990-01-01,本人,")).toEqual([
      "line 3: 氏名カナが空です",
      "line 3: 記号・番号・枝番「1・1・00」が 2 行目と重複しています",
    ]);
  });

  it("a wrong number of columns", async () => {
    expect(await errorsOf(JA, "1,1,00,名前,ナマエ,1990-01-01,本人", "1,2,00,名前,ナマエ,1990-01-01,本人,,")).toEqual([
      "line 2: 列の数が見出しと違います(見出しは 8 列、この行は 7 列)",
      "line 3: 列の数が見出しと違います(見出しは 8 列、この行は 9 列)",
    ]);
  });

  it("a quote left open, at the line where it opened, after the errors before it", async () => {
    const result = await parse(csv(JA, "1,1,00,名前,ナマエ,1990-13-01,本人,", '1,2,00,"名前,ナマエ,1990-01-01,本人,', "1,3,00,名前,ナマエ,1990-01-01,本人,"));
    expect(result.errors).toEqual([
      "line 2: 生年月日「1990-13-01」が正しい日付ではありません",
      "line 3: 「\"」で始まる項目が閉じられていません",
    ]);
  });

  it("a quote left open early in a big file stops at a bounded size, naming the line it opened on", async () => {
    const rest = Array.from({ length: 5000 }, (_, i) => `1,${i + 10},00,名前,ナマエ,1990-01-01,本人,`);
    const result = await parse(csv(JA, "1,1,00,名前,ナマエ,1990-01-01,本人,", '1,2,00,"名前,ナマエ,1990-01-01,本人,', ...rest));
    expect(result.errors).toEqual(["line 3: 行が長すぎます(「\"」が閉じられていない可能性があります)"]);
  });

  it("text after a closing quote", async () => {
    const result = await parse(csv(JA, "1,1,00,名前,ナマエ,1990-01-01,本人,", '1,2,00,"名前"x,ナマエ,1990-01-01,本人,'));
    expect(result.errors).toEqual(["line 3: 「\"」で囲んだ項目の後ろに余分な文字があります"]);
  });

  it("a stray quote inside an unquoted value, while doubled quotes inside a quoted one are fine", async () => {
    expect(await errorsOf(JA, '1,1,00,"名""前",ナマエ,1990-01-01,本人,', '1,2,00,名"前,ナマエ,1990-01-01,本人,')).toEqual([
      "line 3: 項目の途中に「\"」があります(値の中の「\"」は「\"\"」と 2 つ重ねてください)",
    ]);
  });

  it("undecodable bytes in a Shift_JIS file", async () => {
    const bytes = Buffer.concat([
      iconv.encode(csv(JA, "1,1,00,名前,ナマエ,1990-01-01,本人,"), "cp932"),
      Buffer.from("1,2,00,"),
      Buffer.from([0x85, 0x40]),
      iconv.encode(",ナマエ,1990-01-01,本人,\r\n", "cp932"),
    ]);
    const result = await parse(bytes);
    expect(result.encoding).toBe("cp932");
    expect(result.errors).toEqual(["line 3: 読み取れない文字があります(文字コードを UTF-8 か Shift_JIS にしてください)"]);
  });

  it("a file in another encoding (EUC-JP) fails on its header", async () => {
    const result = await parse(iconv.encode(csv(JA, "1,1,00,名前,ナマエ,1990-01-01,本人,"), "euc-jp"));
    expect(result.errors[0]).toMatch(/^line 1: 見出し行がありません/);
  });

  it("UTF-16", async () => {
    const result = await parse(iconv.encode(`\uFEFF${csv(JA)}`, "utf16-le"));
    expect(result.errors).toEqual([expect.stringMatching(/^line 1: ファイルが UTF-16 で保存されています/)]);
  });

  it("keeps the first 1,000 messages, counts all, and yields no rows once an error is seen", async () => {
    const good = Array.from({ length: 10 }, (_, i) => `1,${i},00,名前,ナマエ,1990-01-01,本人,`);
    const bad = Array.from({ length: 1500 }, (_, i) => `2,${i},00,名前,ナマエ,1990-13-01,本人,`);
    const result = await parse(csv(JA, ...bad, ...good));
    expect(result.errorCount).toBe(1500);
    expect(result.errors).toHaveLength(1000);
    expect(result.errors[999]).toMatch(/^line 1001: /);
    expect(result.rows).toBe(1510);
    expect(result.valid).toEqual([]);
  });
});
