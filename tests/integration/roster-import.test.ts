import { Readable } from "node:stream";
import { and, count, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { rosterEntries, rosterImports } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { importRoster, type ImportOptions } from "@/lib/roster/import";
import { describeEachDatabase } from "../support/databases";

const HEADER = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const FAMILY = ["10,1001,00,健保 太郎,ケンポ タロウ,1980/1/2,本人,男", "10,1001,01,健保 花子,ｹﾝﾎﾟ ﾊﾅｺ,1982-03-04,妻,2", "10,1002,00,佐藤 一郎,サトウ イチロウ,1975-05-06,本人,1"];
const csv = (...rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;
const clock = testClock("2026-04-01T00:00:00Z");

/** A Readable over the file's bytes, in small chunks like a real upload. */
function file(text: string | Buffer, encoding: "utf-8" | "cp932" = "utf-8"): Readable {
  const bytes = typeof text === "string" ? (encoding === "cp932" ? iconv.encode(text, "cp932") : Buffer.from(text)) : text;
  return Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += 16 * 1024) yield bytes.subarray(at, at + 16 * 1024);
  })());
}

/** `n` valid rows, one 本人 per 番号; line numbers are index + 2. */
function manyRows(n: number, symbol = "20"): string[] {
  return Array.from({ length: n }, (_, i) => `${symbol},${100000 + i},00,名前 ${i},ナマエ,1970-01-01,本人,`);
}

describeEachDatabase("importRoster", (t) => {
  const run = (unionCode: string, input: Readable, extra: Partial<ImportOptions> = {}) =>
    importRoster(t.db, { unionCode, input, fileName: "roster.csv", clock, ...extra });
  const entries = (unionId: number) => t.db.select().from(rosterEntries).where(eq(rosterEntries.unionId, unionId)).orderBy(rosterEntries.number, rosterEntries.branch);

  it("inserts a Shift_JIS file, storing normalised values, the kana key and an import record", async () => {
    const union = await createUnion(t.db);
    const result = await run(union.code, file(csv(...FAMILY), "cp932"));
    expect(result).toMatchObject({ ok: true, rows: 3, inserted: 3, updated: 0, unchanged: 0, deactivated: 0, encoding: "cp932" });
    const rows = await entries(union.id);
    expect(rows.map((r) => [r.number, r.branch, r.kanaName, r.kanaKey, r.birthDate, r.relationship, r.sex, r.isInsured, r.active])).toEqual([
      ["1001", "00", "ケンポ タロウ", "けんほたろう", "1980-01-02", "本人", "M", true, true],
      ["1001", "01", "ケンポ ハナコ", "けんほはなこ", "1982-03-04", "妻", "F", false, true],
      ["1002", "00", "サトウ イチロウ", "さとういちろう", "1975-05-06", "本人", "M", true, true],
    ]);
    const [record] = await t.db.select().from(rosterImports).where(eq(rosterImports.unionId, union.id));
    expect(record).toMatchObject({ fileName: "roster.csv", encoding: "cp932", rows: 3, replace: false, deactivated: 0 });
    expect(rows.every((r) => r.importId === record.id)).toBe(true);
  });

  it("re-importing updates changed rows, adds new ones and leaves identical ones alone", async () => {
    const union = await createUnion(t.db);
    await run(union.code, file(csv(...FAMILY)));
    const before = await entries(union.id);
    clock.advance(60_000);
    const again = await run(union.code, file(`\uFEFF${csv(...FAMILY)}`));
    expect(again).toMatchObject({ ok: true, rows: 3, inserted: 0, updated: 0, unchanged: 3, encoding: "utf-8-bom" });
    const changed = [FAMILY[0], FAMILY[1].replace("健保 花子", "健保 華子"), FAMILY[2], "10,1003,00,新人 三郎,シンジン サブロウ,2000-01-01,本人,"];
    const third = await run(union.code, file(csv(...changed)));
    expect(third).toMatchObject({ ok: true, rows: 4, inserted: 1, updated: 1, unchanged: 2 });
    const after = await entries(union.id);
    expect(after).toHaveLength(4);
    expect(after[1].name).toBe("健保 華子");
    expect(after[1].id).toBe(before[1].id);
    expect(after[1].updatedAt.getTime()).toBeGreaterThan(before[1].updatedAt.getTime());
    expect(after[0].updatedAt).toEqual(before[0].updatedAt);
  });

  it("with replace, deactivates the union's rows absent from the file, deletes nothing, and reactivates them later", async () => {
    const union = await createUnion(t.db);
    const other = await createUnion(t.db);
    await run(union.code, file(csv(...FAMILY)));
    await run(other.code, file(csv(...FAMILY)));
    const result = await run(union.code, file(csv(FAMILY[0], FAMILY[2])), { replace: true });
    expect(result).toMatchObject({ ok: true, rows: 2, inserted: 0, updated: 0, unchanged: 2, deactivated: 1 });
    const rows = await entries(union.id);
    expect(rows.map((r) => [r.branch, r.active])).toEqual([["00", true], ["01", false], ["00", true]]);
    expect((await entries(other.id)).every((r) => r.active)).toBe(true);
    const [record] = await t.db.select().from(rosterImports).where(and(eq(rosterImports.unionId, union.id), eq(rosterImports.replace, true)));
    expect(record.deactivated).toBe(1);

    // Without replace nothing is deactivated; a row listed again comes back.
    expect(await run(union.code, file(csv(FAMILY[0])))).toMatchObject({ ok: true, deactivated: 0 });
    expect(await run(union.code, file(csv(...FAMILY)), { replace: true })).toMatchObject({ ok: true, updated: 1, deactivated: 0 });
    expect((await entries(union.id)).every((r) => r.active)).toBe(true);
  });

  it("a first roster (COPY straight into the table) imports nothing when the only bad row is the last of many", async () => {
    const union = await createUnion(t.db);
    const result = await run(union.code, file(csv(...manyRows(60_000), "20,999999,00,最後 の人,,1970-01-01,本人,")), { replace: true });
    expect(result).toEqual({ ok: false, reason: "invalid_file", errors: ["line 60002: 氏名カナが空です"], errorCount: 1 });
    expect(await entries(union.id)).toHaveLength(0);
    const [{ n }] = await t.db.select({ n: count() }).from(rosterImports).where(eq(rosterImports.unionId, union.id));
    expect(n).toBe(0);
  }, 120_000);

  it("a later roster (upsert path) imports nothing when the only bad row is the last of many, after whole chunks were merged", async () => {
    const union = await createUnion(t.db);
    await run(union.code, file(csv(...FAMILY)));
    const rows = manyRows(60_000);
    const bad = "20,999999,00,最後 の人,ナマエ,1970-02-30,本人,";
    const result = await run(union.code, file(csv(...rows, bad), "cp932"), { replace: true });
    expect(result).toEqual({ ok: false, reason: "invalid_file", errors: ["line 60002: 生年月日「1970-02-30」が正しい日付ではありません"], errorCount: 1 });
    const after = await entries(union.id);
    expect(after).toHaveLength(3);
    expect(after.every((r) => r.active)).toBe(true);
    const [{ n }] = await t.db.select({ n: count() }).from(rosterImports).where(eq(rosterImports.unionId, union.id));
    expect(n).toBe(1);
  }, 120_000);

  it("finds a duplicate far apart in a large file and imports nothing", async () => {
    const union = await createUnion(t.db);
    const rows = manyRows(55_000);
    const result = await run(union.code, file(csv(...rows, rows[5])));
    expect(result).toMatchObject({ ok: false, errors: ["line 55002: 記号・番号・枝番「20・100005・00」が 7 行目と重複しています"] });
    expect(await entries(union.id)).toHaveLength(0);
  }, 120_000);

  it("imports a large file completely, reporting progress, then re-imports it through the upsert path", async () => {
    const union = await createUnion(t.db);
    const progress: number[] = [];
    const rows = manyRows(70_000);
    const result = await run(union.code, file(csv(...rows)), { onProgress: (p) => progress.push(p.rows), replace: true });
    expect(result).toMatchObject({ ok: true, rows: 70_000, inserted: 70_000, deactivated: 0 });
    const [{ n }] = await t.db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.unionId, union.id));
    expect(n).toBe(70_000);
    expect(progress.at(-1)).toBe(70_000);
    expect(progress.length).toBeGreaterThan(1);

    rows[69_999] = rows[69_999].replace("名前", "改名");
    const again = await run(union.code, file(csv(...rows.slice(1), "20,1,00,新人,シンジン,2001-01-01,本人,")), { replace: true });
    expect(again).toMatchObject({ ok: true, rows: 70_000, inserted: 1, updated: 1, unchanged: 69_998, deactivated: 1 });
  }, 120_000);

  it("lists every error of an invalid file and imports nothing", async () => {
    const union = await createUnion(t.db);
    const result = await run(union.code, file(csv(FAMILY[0], "10,1001,00,健保 太郎,,1980-01-02,本人,", "10,1005,01,健保 次郎,ケンポ ジロウ,1990-01-01,本人,X")));
    expect(result).toEqual({
      ok: false,
      reason: "invalid_file",
      errors: [
        "line 3: 氏名カナが空です",
        "line 3: 記号・番号・枝番「10・1001・00」が 2 行目と重複しています",
        "line 4: 性別「X」は 男・女、1・2、M・F のどれかにしてください",
        "line 4: 続柄が本人の行は枝番を 00 にしてください(枝番「01」)",
      ],
      errorCount: 4,
    });
    expect(await entries(union.id)).toHaveLength(0);
  });

  it("a tab inside a quoted 氏名 or 氏名カナ is a line error, not a COPY failure, on the first and on a later import", async () => {
    const union = await createUnion(t.db);
    const bad = csv(FAMILY[0], '10,1003,00,"健保\t三郎",ケンポ サブロウ,1990-01-01,本人,', '10,1004,00,健保 四郎,"ケンポ\tシロウ",1990-01-01,本人,');
    const expected = {
      ok: false,
      reason: "invalid_file",
      errors: ["line 3: 氏名に改行などの制御文字が含まれています", "line 4: 氏名カナに改行などの制御文字が含まれています"],
      errorCount: 2,
    };
    // First roster: the valid rows would go straight into roster_entries by COPY.
    expect(await run(union.code, file(bad))).toEqual(expected);
    expect(await entries(union.id)).toHaveLength(0);
    // A later roster merges through the staging table.
    await run(union.code, file(csv(...FAMILY)));
    expect(await run(union.code, file(bad), { replace: true })).toEqual(expected);
    const after = await entries(union.id);
    expect(after.map((r) => r.number)).toEqual(["1001", "1001", "1002"]);
    expect(after.every((r) => r.active)).toBe(true);
  });

  it("refuses an unknown union code, and accepts a known one typed in full-width capitals", async () => {
    expect(await run("nosuchunion", file(csv(...FAMILY)))).toEqual({
      ok: false,
      reason: "unknown_union",
      errors: ["保険者指定コード「nosuchunion」の健康保険組合が登録されていません"],
      errorCount: 1,
    });
    const union = await createUnion(t.db);
    const shouted = union.code.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(await run(shouted, file(csv(...FAMILY)))).toMatchObject({ ok: true, inserted: 3 });
  });

  it("reports an empty file", async () => {
    const union = await createUnion(t.db);
    expect(await run(union.code, file(""))).toMatchObject({ ok: false, errors: ["line 1: ファイルが空です"] });
  });
});
