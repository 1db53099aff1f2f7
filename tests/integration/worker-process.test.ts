// `npm run worker` as a process against PostgreSQL: besides mail, it runs the document retention
// purge (lib/survey/retention.ts) from plain Node, so the purge does not depend on a cron route.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { files, surveyFiles, surveyResponses } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { diskStorage } from "@/lib/storage/disk";
import { StorageNotFound } from "@/lib/storage/types";
import { closeSurvey, createDraftSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { setRetentionDays } from "@/lib/survey/retention";
import { unionWithAdmin } from "../support/admin-scope";
import { openTestDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");

describe("worker process [postgres]", () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-worker-"));
  const storage = diskStorage(dir);
  beforeAll(async () => {
    opened = await openTestDatabase("postgres");
  });
  afterAll(async () => {
    await opened?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("purges a file whose survey closed longer ago than the union's retention, and stops on SIGTERM", async () => {
    const db = opened.handle.db;
    // A survey that ran in the autumn and closed 2026-10-01: with 30 days' retention, its files are due now.
    const clock = testClock("2026-09-01T00:00:00Z");
    const { union, scope } = await unionWithAdmin(db);
    const fam = await createFamily(db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const made = await createDraftSurvey(db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-09-01", closesOn: "2026-10-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(db, clock, scope, made.survey.id);
    const [r] = await db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, made.survey.id));
    const key = crypto.randomBytes(12).toString("hex");
    await storage.put(key, Buffer.from("%PDF-1.4 test"), { contentType: "application/pdf" });
    const [file] = await db.insert(files).values({ unionId: union.id, ownerMemberId: fam.member.id, originalName: "課税証明書.pdf", contentType: "application/pdf", size: 13, sha256: "0".repeat(64), storageKey: key }).returning();
    await db.insert(surveyFiles).values({ responseId: r.id, dependentEntryId: fam.dependents[0].id, slotKey: "tax_certificate", fileId: file.id });
    clock.set("2026-10-01T00:00:00Z");
    expect(await closeSurvey(db, clock, scope, made.survey.id)).toEqual({ ok: true });
    expect(await setRetentionDays(db, clock, scope, union.id, 30)).toMatchObject({ ok: true });

    const worker = spawn(TSX, ["scripts/worker.ts", "--interval", "1"], { env: { ...process.env, DATABASE_URL: opened.url, UPLOAD_DIR: dir, RESEND_API_KEY: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    worker.stdout.on("data", (c) => (output += c));
    worker.stderr.on("data", (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    try {
      await expect.poll(async () => (await db.select({ deletedAt: files.deletedAt }).from(files).where(eq(files.id, file.id)))[0].deletedAt, { timeout: 40_000, interval: 250 }).not.toBeNull();
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited, output).toBe(0);
    expect(output).toContain('worker: document retention {"files":1');
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFound);
  }, 60_000);
});
