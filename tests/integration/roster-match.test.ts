import { Readable } from "node:stream";
import { beforeAll, expect, it } from "vitest";
import { createUnion } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { importRoster } from "@/lib/roster/import";
import { findRosterMatch, type RosterMatchQuery } from "@/lib/roster/match";
import { describeEachDatabase } from "../support/databases";

const HEADER = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const ROWS = [
  "12,3456,00,城野 翔子,ジョウノ ショウコ,1985-07-08,本人,女",
  "12,3456,01,城野 健,ジョウノ ケン,1984-01-02,夫,男",
  "12,3457,00,佐藤 パン,サトウ パン,1990-02-03,本人,",
  "12,3458,00,転出 予定,テンシュツ ヨテイ,1970-01-01,本人,",
];
const clock = testClock("2026-04-01T00:00:00Z");
const load = (rows: string[]) => Readable.from([Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`)]);

describeEachDatabase("findRosterMatch", (t) => {
  let code = "";
  let otherCode = "";
  const query = (q: Partial<RosterMatchQuery>) =>
    findRosterMatch(t.db, { unionCode: code, symbol: "12", number: "3456", birthDate: "1985-07-08", kanaName: "ジョウノ ショウコ", ...q });

  // Two unions with the same people; the first later drops one of them with `replace`.
  beforeAll(async () => {
    const union = await createUnion(t.db);
    const other = await createUnion(t.db);
    code = union.code;
    otherCode = other.code;
    for (const c of [code, otherCode]) {
      expect(await importRoster(t.db, { unionCode: c, input: load(ROWS), fileName: "r.csv", clock })).toMatchObject({ ok: true });
    }
    const dropped = await importRoster(t.db, { unionCode: code, input: load(ROWS.slice(0, 3)), fileName: "r.csv", clock, replace: true });
    expect(dropped).toMatchObject({ ok: true, deactivated: 1 });
  });

  it("finds the insured person of the right union", async () => {
    const match = await query({});
    expect(match).toMatchObject({ symbol: "12", number: "3456", branch: "00", name: "城野 翔子", isInsured: true, active: true });
    const elsewhere = await query({ unionCode: otherCode });
    expect(elsewhere?.unionId).not.toBe(match?.unionId);
  });

  it.each([
    ["hiragana", "じょうの しょうこ"],
    ["no space", "ジョウノショウコ"],
    ["full-width space", "ジョウノ　ショウコ"],
    ["half-width katakana", "ｼﾞｮｳﾉ ｼｮｳｺ"],
    ["no small kana or voicing (older rosters)", "シヨウノ シヨウコ"],
    ["surrounding spaces", "  じょうの　しょうこ "],
  ])("matches the kana name written with %s", async (_, kanaName) => {
    expect(await query({ kanaName })).toMatchObject({ branch: "00", number: "3456" });
  });

  it("matches full-width 記号・番号 with spaces, an upper-case or full-width insurer code and a slashed date", async () => {
    expect(await query({ symbol: " １２ ", number: "３４５６　", unionCode: code.toUpperCase(), birthDate: "1985/7/8" })).not.toBeNull();
    const fullWidth = code.toUpperCase().replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(await query({ unionCode: ` ${fullWidth} ` })).not.toBeNull();
    expect(await query({ birthDate: "１９８５－０７－０８" })).not.toBeNull();
  });

  it("keeps ー significant: サトー is not サト", async () => {
    expect(await query({ number: "3457", birthDate: "1990-02-03", kanaName: "さとう はん" })).not.toBeNull();
    expect(await query({ number: "3457", birthDate: "1990-02-03", kanaName: "サトー パン" })).toBeNull();
  });

  it("does not match a dependent, even with every field right", async () => {
    expect(await query({ birthDate: "1984-01-02", kanaName: "ジョウノ ケン" })).toBeNull();
  });

  it("does not match an inactive row (deactivated by --replace), but does in the other union", async () => {
    const q = { number: "3458", birthDate: "1970-01-01", kanaName: "テンシュツ ヨテイ" };
    expect(await query(q)).toBeNull();
    expect(await query({ ...q, unionCode: otherCode })).not.toBeNull();
  });

  it("returns null for any wrong or malformed field, without a database error", async () => {
    expect(await query({ birthDate: "1985-07-09" })).toBeNull();
    expect(await query({ birthDate: "1985-02-30" })).toBeNull();
    expect(await query({ birthDate: "" })).toBeNull();
    expect(await query({ kanaName: "ジョウノ ショウト" })).toBeNull();
    expect(await query({ kanaName: "" })).toBeNull();
    expect(await query({ symbol: "13" })).toBeNull();
    expect(await query({ number: "" })).toBeNull();
    expect(await query({ unionCode: "nosuchunion" })).toBeNull();
  });
});
