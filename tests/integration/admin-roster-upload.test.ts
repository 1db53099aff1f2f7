import fs from "node:fs";
import { Readable } from "node:stream";
import { and, count, eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import { auditLog, rosterEntries, rosterImports, rosterUploads } from "@/db/schema";
import { applyUpload, checkUpload, getUpload, importHistory, stageUpload, writeBody, type Progress } from "@/lib/admin/roster-uploads";
import type { AdminScope } from "@/lib/admin/scope";
import { testClock } from "@/lib/clock";
import { scopeOf, unionWithAdmin } from "../support/admin-scope";
import { createTestAdmin } from "../support/admin-factories";
import { describeEachDatabase } from "../support/databases";

const HEADER = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const ROWS = ["10,1001,00,健保 太郎,ケンポ タロウ,1980/1/2,本人,男", "10,1001,01,健保 花子,ケンポ ハナコ,1982-03-04,妻,女", "10,1002,00,佐藤 一郎,サトウ イチロウ,1975-05-06,本人,男"];
const csv = (...rows: string[]) => `${[HEADER, ...rows].join("\r\n")}\r\n`;
const clock = testClock("2026-04-01T00:00:00Z");

function bytes(text: string, encoding: "utf-8" | "cp932" = "utf-8"): AsyncIterable<Uint8Array> {
  const b = encoding === "cp932" ? iconv.encode(text, "cp932") : Buffer.from(text);
  return Readable.from([b.subarray(0, 10), b.subarray(10)]);
}

describeEachDatabase("roster upload from /admin/roster", (t) => {
  const stage = async (scope: AdminScope, unionId: number, text: string, opts: { replace?: boolean; encoding?: "utf-8" | "cp932" } = {}) => {
    const staged = await stageUpload(t.db, clock, scope, {
      unionId,
      write: async (file) => {
        await writeBody(bytes(text, opts.encoding), file);
        return { fileName: "名簿.csv", replace: opts.replace ?? false };
      },
    });
    if (!staged || staged === "no_file") throw new Error("not staged");
    return staged;
  };
  const entries = (unionId: number) => t.db.select().from(rosterEntries).where(eq(rosterEntries.unionId, unionId)).orderBy(rosterEntries.number, rosterEntries.branch);

  it("checks a Shift_JIS file with the CLI's parser: a preview of counts, nothing written; then imports it once", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const upload = await stage(scope, union.id, csv(...ROWS), { encoding: "cp932" });
    expect(fs.existsSync(upload.path)).toBe(true);
    const progress: Progress[] = [];
    const checked = await checkUpload(t.db, clock, scope, upload.id, (p) => progress.push(p));
    expect(checked).toMatchObject({ status: "checked", encoding: "cp932", rows: 3, inserted: 3, updated: 0, unchanged: 0, errorCount: 0 });
    expect(progress.at(-1)).toMatchObject({ phase: "check", rows: 3, total: upload.bytes });
    expect(await entries(union.id)).toHaveLength(0);
    expect(await t.db.select().from(rosterImports).where(eq(rosterImports.unionId, union.id))).toHaveLength(0);

    const applied = await applyUpload(t.db, clock, scope, upload.id, { ip: "10.0.0.1" });
    expect(applied).toMatchObject({ status: "imported", inserted: 3, rows: 3 });
    expect(await entries(union.id)).toHaveLength(3);
    expect(fs.existsSync(upload.path)).toBe(false);
    // A second 取り込む (double click) imports nothing more.
    const again = await applyUpload(t.db, clock, scope, upload.id, { ip: "10.0.0.1" });
    expect(again?.status).toBe("imported");
    const history = await importHistory(t.db, scope, union.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fileName: "名簿.csv", encoding: "cp932", rows: 3, inserted: 3, updated: 0, unchanged: 0, adminLoginId: scope.admin.loginId });
    const [event] = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "roster.imported"), eq(auditLog.unionId, union.id)));
    expect(event).toMatchObject({ actorType: "admin", actorId: String(scope.admin.id), ip: "10.0.0.1" });
  });

  it("lists every bad line (first 1,000 and the count) and imports nothing", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const bad = Array.from({ length: 1200 }, (_, i) => `10,${2000 + i},00,名前,ナマエ,1980-13-01,本人,`);
    const upload = await stage(scope, union.id, csv(ROWS[0], ...bad));
    const checked = await checkUpload(t.db, clock, scope, upload.id);
    expect(checked?.status).toBe("invalid");
    expect(checked?.errorCount).toBe(1200);
    expect(checked?.errors).toHaveLength(1000);
    expect(checked?.errors?.[0]).toMatch(/^line 3: /);
    expect(await entries(union.id)).toHaveLength(0);
    // An invalid upload cannot be imported.
    expect((await applyUpload(t.db, clock, scope, upload.id, {}))?.status).toBe("invalid");
    expect(await entries(union.id)).toHaveLength(0);
  });

  it("previews changed, unchanged and made-inactive rows with 名簿にない人を無効にする, then applies them", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const first = await stage(scope, union.id, csv(...ROWS));
    await checkUpload(t.db, clock, scope, first.id);
    await applyUpload(t.db, clock, scope, first.id, {});
    const next = await stage(scope, union.id, csv(ROWS[0].replace("健保 太郎", "健保 太朗"), ROWS[2], "10,1003,00,新人 三郎,シンジン サブロウ,2000-01-01,本人,"), { replace: true });
    const checked = await checkUpload(t.db, clock, scope, next.id);
    expect(checked).toMatchObject({ status: "checked", rows: 3, inserted: 1, updated: 1, unchanged: 1, deactivated: 1, replace: true });
    expect((await entries(union.id)).every((r) => r.active)).toBe(true);
    const applied = await applyUpload(t.db, clock, scope, next.id, {});
    expect(applied).toMatchObject({ status: "imported", inserted: 1, updated: 1, unchanged: 1, deactivated: 1 });
    const rows = await entries(union.id);
    expect(rows.map((r) => [r.number, r.branch, r.active])).toEqual([["1001", "00", true], ["1001", "01", false], ["1002", "00", true], ["1003", "00", true]]);
  });

  it("is all or nothing: an import that fails part-way leaves the roster as it was", async () => {
    const { union, scope } = await unionWithAdmin(t.db);
    const upload = await stage(scope, union.id, csv(...ROWS));
    await checkUpload(t.db, clock, scope, upload.id);
    // The file changes on disk after the check (the import re-reads it): its last line is now bad.
    fs.writeFileSync(upload.path, csv(...ROWS, "10,1009,00,名前,ナマエ,2999-01-01,本人,"));
    const applied = await applyUpload(t.db, clock, scope, upload.id, {});
    expect(applied?.status).toBe("invalid");
    expect(await entries(union.id)).toHaveLength(0);
    expect(await t.db.select().from(rosterImports).where(eq(rosterImports.unionId, union.id))).toHaveLength(0);
  });

  it("tenant isolation: union A's admin cannot stage into, see, check or import union B's upload", async () => {
    const a = await unionWithAdmin(t.db);
    const b = await unionWithAdmin(t.db);
    // Staging for another union (a forged ?union=) is refused before a byte is written.
    expect(await stageUpload(t.db, clock, a.scope, { unionId: b.union.id, write: async () => ({ replace: false }) })).toBeNull();
    const upload = await stage(b.scope, b.union.id, csv(...ROWS));
    expect(await getUpload(t.db, a.scope, upload.id)).toBeNull();
    expect(await checkUpload(t.db, clock, a.scope, upload.id)).toBeNull();
    expect((await t.db.select().from(rosterUploads).where(eq(rosterUploads.id, upload.id)))[0].status).toBe("uploaded");
    await checkUpload(t.db, clock, b.scope, upload.id);
    expect(await applyUpload(t.db, clock, a.scope, upload.id, {})).toBeNull();
    expect((await t.db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.unionId, b.union.id)))[0].n).toBe(0);
    expect((await t.db.select().from(rosterUploads).where(eq(rosterUploads.id, upload.id)))[0].status).toBe("checked");
    expect(await importHistory(t.db, a.scope, b.union.id)).toEqual([]);
    // An operator reaches every union.
    const op = await createTestAdmin(t.db);
    const opScope = await scopeOf(t.db, op.admin.id);
    expect(await getUpload(t.db, opScope, upload.id)).not.toBeNull();
  });
});
