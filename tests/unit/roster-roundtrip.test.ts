// Property: any valid roster, written the many ways staff's tools write it (either header
// language, any column order, full-width digits, 枝番 without its zero, 1990/1/2 dates, 男/1/M,
// quoted cells, CRLF or LF, UTF-8 with or without BOM, or CP932, cut into arbitrary chunks),
// parses back to exactly the same rows.
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { normalizeKanaName } from "@/lib/kana";
import { readRoster } from "@/lib/roster/parse";
import type { RosterRow } from "@/lib/roster/types";

const TODAY = "2026-04-01";
type Person = Omit<RosterRow, "line" | "kanaKey" | "isInsured">;

const chars = (s: string) => fc.constantFrom(...s);
const text = (alphabet: string, min: number, max: number) => fc.array(chars(alphabet), { minLength: min, maxLength: max }).map((a) => a.join(""));
const CODE = "0123456789ABCDEFGHJKabcxyz-";
// All of these exist in CP932 (ゔ, ヷ and friends do not, so they are left out).
const KATAKANA = "アイウエオカガキギクケゲコサザシジスセソタダチッツテデトナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロワヲンヴヵヶー";
const HIRAGANA = "あいうえおかがきぎくけこさしすせそただちっつてとなにぬねのはばぱひふへほまみむめもゃやゅゆょよらりるれろわをん";
const KANJI = "山田太郎花子髙橋﨑斎藤渡辺健保一二三";

const kanaPart = fc.oneof(text(KATAKANA, 1, 6), text(HIRAGANA, 1, 6)).filter((s) => s !== "ー".repeat(s.length));
const person: fc.Arbitrary<Person> = fc.record({
  symbol: text(CODE, 1, 8),
  number: text(CODE, 1, 10),
  branch: fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0")),
  // Commas, quotes and spaces inside names exercise CSV quoting.
  name: fc.tuple(text(KANJI, 1, 4), text(` ,"${KANJI}ー`, 0, 4)).map(([a, b]) => (a + b).trim() || a),
  kanaName: fc.tuple(kanaPart, fc.option(kanaPart, { nil: undefined })).map(([a, b]) => (b ? `${a} ${b}` : a)),
  birthDate: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  relationship: fc.constantFrom("妻", "夫", "子", "父", "母", "祖母"),
  sex: fc.constantFrom("M" as const, "F" as const, null),
}).map((p) => (p.branch === "00" ? { ...p, relationship: "本人" } : p));

const roster = fc.uniqueArray(person, { minLength: 1, maxLength: 25, selector: (p) => `${p.symbol}\t${p.number}\t${p.branch}` });

/** How one file is written. */
const style = fc.record({
  english: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
  newline: fc.constantFrom("\r\n", "\n"),
  encoding: fc.constantFrom("utf-8", "utf-8-bom", "cp932"),
  chunk: fc.integer({ min: 1, max: 512 }),
  seed: fc.integer(),
});

const JA = ["記号", "番号", "枝番", "氏名", "氏名カナ", "生年月日", "続柄", "性別"];
const EN = ["symbol", "number", "branch", "name", "kana_name", "birth_date", "relationship", "sex"];
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** The same value spelled the way some tool or person might; `pick` chooses deterministically. */
function variants(p: Person, pick: (n: number) => number): string[] {
  const [y, m, d] = p.birthDate.split("-");
  const sep = pick(2) ? "/" : "-";
  const date = pick(2) ? `${y}${sep}${Number(m)}${sep}${Number(d)}` : `${y}${sep}${m}${sep}${d}`;
  const sex = p.sex === null ? ["", " "][pick(2)] : (p.sex === "M" ? ["男", "1", "M", "m", "Ｍ"] : ["女", "2", "F", "f", "Ｆ"])[pick(5)];
  const code = (v: string) => [v, fullWidth(v), ` ${v} `][pick(3)];
  const branch = [p.branch, String(Number(p.branch)), fullWidth(p.branch)][pick(3)];
  return [code(p.symbol), code(p.number), branch, p.name, p.kanaName, date, p.relationship, sex];
}

function cell(value: string, forceQuotes: boolean): string {
  return forceQuotes || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Style {
  english: boolean;
  order: number[];
  newline: string;
  encoding: string;
  seed: number;
}

function render(people: Person[], s: Style): Buffer {
  let state = s.seed >>> 0 || 1;
  const pick = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 16) % n;
  };
  const header = (s.english ? EN : JA).map((h, i) => [h, ` ${h}`][i === 0 ? 0 : pick(2)]);
  const lines = [s.order.map((i) => header[i]).join(",")];
  for (const p of people) {
    const values = variants(p, pick);
    lines.push(s.order.map((i) => cell(values[i], pick(4) === 0)).join(","));
  }
  const out = lines.join(s.newline) + s.newline;
  if (s.encoding === "cp932") return iconv.encode(out, "cp932");
  return Buffer.from(s.encoding === "utf-8-bom" ? `\uFEFF${out}` : out);
}

async function parseBytes(bytes: Buffer, chunk: number) {
  async function* pieces() {
    for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
  }
  const gen = readRoster(pieces(), { today: TODAY });
  const rows: RosterRow[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { rows, summary: next.value };
    rows.push(...next.value);
  }
}

describe("roster CSV round trip", () => {
  it("parses any valid roster back unchanged, whatever its encoding and spelling", async () => {
    await fc.assert(
      fc.asyncProperty(roster, style, async (people, s) => {
        const { rows, summary } = await parseBytes(render(people, s), s.chunk);
        expect(summary.errors).toEqual([]);
        expect(summary.encoding).toBe(s.encoding);
        expect(rows).toEqual(
          people.map((p, i) => ({ ...p, line: i + 2, kanaKey: normalizeKanaName(p.kanaName), isInsured: p.branch === "00" })),
        );
      }),
      { numRuns: 300 },
    );
  });
});
