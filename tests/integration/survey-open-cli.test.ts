// `npm run survey:open`: what it opens, and its clear errors with non-zero exit codes.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrateDb, openDb, type DbHandle } from "@/db/connect";
import { surveys, surveyTargets } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { describeEachDatabase } from "../support/databases";

const run = promisify(execFile);
const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");

describeEachDatabase("survey:open CLI", (t) => {
  // PGlite allows one process per directory: the CLI gets a directory of its own, prepared here.
  let dir: string | undefined;
  let env: NodeJS.ProcessEnv;
  let code: string;

  async function withCliDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
    if (t.kind === "postgres") return fn({ db: t.db, kind: "postgres", close: async () => {} });
    const h = await openDb({ pgliteDir: dir! });
    try {
      await migrateDb(h);
      return await fn(h);
    } finally {
      await h.close();
    }
  }

  beforeAll(async () => {
    if (t.kind === "pglite") dir = fs.mkdtempSync(path.join(os.tmpdir(), "survey-cli-"));
    env = { ...process.env, DATABASE_URL: t.kind === "postgres" ? t.url : "", PGLITE_DIR: dir ?? "" };
    code = await withCliDb(async ({ db }) => {
      const union = await createUnion(db);
      const insured = await createRosterEntry(db, { unionId: union.id });
      await createRosterEntry(db, { unionId: union.id, symbol: insured.symbol, number: insured.number, branch: "01", relationship: "妻" });
      await createRosterEntry(db, { unionId: union.id, symbol: insured.symbol, number: insured.number, branch: "02", relationship: "子" });
      return union.code;
    });
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]) {
    try {
      const { stdout, stderr } = await run(TSX, ["scripts/survey-open.ts", ...args], { env });
      return { exitCode: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { exitCode: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("refuses a bad command line with exit code 2 and a clear sentence", async () => {
    const missing = await cli("--title", "x", "--opens", "2030-12-01", "--closes", "2030-12-31");
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("--union を指定してください");
    const backwards = await cli("--union", code, "--title", "x", "--opens", "2030-12-31", "--closes", "2030-12-01");
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stderr).toContain("締切日(--closes)は開始日(--opens)以降");
    const badDate = await cli("--union", code, "--title", "x", "--opens", "2030-13-01", "--closes", "2030-12-31");
    expect(badDate.exitCode).toBe(2);
    expect(badDate.stderr).toContain("--opens の日付「2030-13-01」");
    const unknown = await cli("--union", "nosuch", "--title", "x", "--opens", "2030-12-01", "--closes", "2030-12-31");
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("「nosuch」の健康保険組合が見つかりません");
  }, 60_000);

  it("opens the survey once per fiscal year", async () => {
    const ok = await cli("--union", code.toUpperCase(), "--title", "令和12年度 被扶養者資格調査", "--opens", "2030-12-01", "--closes", "2030-12-31", "--base-date", "2030-12-01");
    expect(ok.stderr).toBe("");
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain("対象の被扶養者: 2 人 / 回答する被保険者: 1 人");
    const again = await cli("--union", code, "--title", "もう一つ", "--opens", "2031-01-05", "--closes", "2031-01-31");
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("2030年度の調査はすでに作成されています");
    await withCliDb(async ({ db }) => {
      const rows = await db.select().from(surveys).where(eq(surveys.title, "令和12年度 被扶養者資格調査"));
      expect(rows).toHaveLength(1);
      expect(await db.select().from(surveyTargets).where(eq(surveyTargets.surveyId, rows[0].id))).toHaveLength(2);
    });
  }, 60_000);
});
