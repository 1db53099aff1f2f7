// 確認 (lib/roster/check.ts) against the import: for a sequence of files into one union, the
// preview's counts are exactly what importing the same file then does, with and without replace,
// and the preview writes nothing.
import { Readable } from "node:stream";
import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { rosterEntries, rosterImports } from "@/db/schema";
import { createUnion } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { checkRoster } from "@/lib/roster/check";
import { importRoster } from "@/lib/roster/import";
import { describeEachDatabase } from "../support/databases";

const HEADER = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const clock = testClock("2026-04-01T00:00:00Z");
const csv = (rows: string[]) => Readable.from([Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`)]);

/** `n` households of 本人 + one dependent; `edit` changes some rows. */
function people(n: number, edit: (i: number, row: string[]) => string[] | null = (_, r) => r): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const insured = edit(2 * i, ["20", `n${i}`, "00", "健保 太郎", "ケンポ タロウ", "1980/1/2", "本人", "男"]);
    const dependent = edit(2 * i + 1, ["20", `n${i}`, "01", "健保 花子", "ケンポ ハナコ", "1982/3/4", "妻", "女"]);
    for (const r of [insured, dependent]) if (r) out.push(r.join(","));
  }
  return out;
}

describeEachDatabase("roster check (確認) equals the import", (t) => {
  it("gives the import's counts on several files, with and without replace, writing nothing", async () => {
    const union = await createUnion(t.db);
    // More rows than one comparison batch (5,000), so batches and their boundaries are exercised.
    const files: { rows: string[]; replace: boolean }[] = [
      { rows: people(3_100), replace: false }, // a first roster: everything new
      { rows: people(3_100), replace: false }, // the same again: everything unchanged
      // Some renamed, some sex blanked, some dropped (replace deactivates them), some new.
      {
        rows: [
          ...people(3_100, (i, r) => (i % 97 === 0 ? null : i % 13 === 0 ? [...r.slice(0, 3), "健保 太朗", ...r.slice(4)] : i % 17 === 0 ? [...r.slice(0, 7), ""] : r)),
          "21,x1,00,新人 三郎,シンジン サブロウ,2000-01-01,本人,",
        ],
        replace: true,
      },
      // The dropped rows come back (reactivated: updated), without replace nothing is deactivated.
      { rows: people(3_100), replace: false },
      // Replace with a small file: most of the roster becomes inactive.
      { rows: people(10, (i, r) => (i === 3 ? [...r.slice(0, 5), "1990/5/6", ...r.slice(6)] : r)), replace: true },
    ];
    const seen: unknown[] = [];
    for (const file of files) {
      const before = await t.db.select().from(rosterEntries).where(eq(rosterEntries.unionId, union.id)).orderBy(rosterEntries.id);
      const [{ imports }] = await t.db.select({ imports: count() }).from(rosterImports).where(eq(rosterImports.unionId, union.id));
      const checked = await checkRoster(t.db, { unionCode: union.code, input: csv(file.rows), replace: file.replace, clock });
      // Nothing written: same rows, same versions, no import record.
      expect(await t.db.select().from(rosterEntries).where(eq(rosterEntries.unionId, union.id)).orderBy(rosterEntries.id)).toEqual(before);
      expect((await t.db.select({ n: count() }).from(rosterImports).where(eq(rosterImports.unionId, union.id)))[0].n).toBe(imports);
      const imported = await importRoster(t.db, { unionCode: union.code, input: csv(file.rows), fileName: "名簿.csv", replace: file.replace, clock });
      if (!imported.ok) throw new Error(imported.errors.join("\n"));
      const { importId: _, ...counts } = imported;
      expect(checked).toEqual(counts);
      seen.push([counts.inserted, counts.updated, counts.unchanged, counts.deactivated]);
    }
    // The files did exercise every count.
    expect(seen).toEqual([
      [6200, 0, 0, 0],
      [0, 0, 6200, 0],
      [1, expect.any(Number), expect.any(Number), 64],
      [0, 64 + (seen[2] as number[])[1], expect.any(Number), 0],
      [0, 1, 19, 6181],
    ]);
  });

  it("lists every bad line as the import does, and an unknown union", async () => {
    const union = await createUnion(t.db);
    const rows = people(50, (i, r) => (i === 7 ? [...r.slice(0, 5), "1980/13/40", ...r.slice(6)] : i === 30 ? [...r.slice(0, 2), "x", ...r.slice(3)] : r));
    rows.push(rows[0]);
    const checked = await checkRoster(t.db, { unionCode: union.code, input: csv(rows), clock });
    const imported = await importRoster(t.db, { unionCode: union.code, input: csv(rows), fileName: "名簿.csv", clock });
    expect(checked.ok).toBe(false);
    expect(checked).toEqual(imported);
    expect(!checked.ok && checked.errorCount).toBe(3);
    const unknown = await checkRoster(t.db, { unionCode: "nosuchunion", input: csv(rows), clock });
    expect(unknown).toEqual(await importRoster(t.db, { unionCode: "nosuchunion", input: csv(rows), fileName: "x.csv", clock }));
  });
});
