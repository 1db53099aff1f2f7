// Document retention (issue 10) on both databases: the per-union setting (validated, scoped,
// audited) and the purge run: bytes of files of surveys closed longer than the setting are
// deleted, the rows kept as tombstones, audited with counts; a second run and parallel runs
// purge each file exactly once; files of an open or recently closed survey are kept.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDb } from "@/db/connect";
import { auditLog, files, surveyFiles, surveyResponses, unions } from "@/db/schema";
import { HOUR, testClock } from "@/lib/clock";
import { diskStorage } from "@/lib/storage/disk";
import { StorageNotFound } from "@/lib/storage/types";
import { closeSurvey, createDraftSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { parseRetentionDays, purgeExpiredDocuments, setRetentionDays } from "@/lib/survey/retention";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const DAY = 24 * HOUR;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-retention-"));
const storage = diskStorage(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("parses the setting: half- or full-width digits within range, else a Japanese message", () => {
  expect(parseRetentionDays("365")).toEqual({ ok: true, days: 365 });
  expect(parseRetentionDays("７３０")).toEqual({ ok: true, days: 730 });
  for (const bad of ["", "29", "3651", "1e3", "-5", "abc", "365日"]) expect(parseRetentionDays(bad)).toMatchObject({ ok: false, message: expect.stringContaining("30〜3650") });
});

describeEachDatabase("survey document retention", (t) => {
  /** A union whose survey closed at 2027-02-01 00:00 JST, with `n` files of its household in storage. */
  async function closedSurveyWithFiles(n: number) {
    const clock = testClock("2026-12-05T03:00:00Z");
    const { union, scope } = await unionWithAdmin(t.db);
    const fam = await createFamily(t.db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    const [r] = await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, made.survey.id));
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const key = crypto.randomBytes(12).toString("hex");
      await storage.put(key, Buffer.from(`file ${i}`), { contentType: "application/pdf" });
      const [f] = await t.db.insert(files).values({ unionId: union.id, ownerMemberId: fam.member.id, originalName: `doc${i}.pdf`, contentType: "application/pdf", size: 6, sha256: "0".repeat(64), storageKey: key }).returning();
      await t.db.insert(surveyFiles).values({ responseId: r.id, dependentEntryId: fam.dependents[0].id, slotKey: "tax_certificate", fileId: f.id });
      ids.push(f.id);
    }
    clock.set("2027-01-20T00:00:00Z");
    expect(await closeSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: true });
    return { clock, union, scope, survey: made.survey, ids };
  }

  const stored = async (key: string) => storage.get(key).then(() => true, (e: unknown) => (e instanceof StorageNotFound ? false : Promise.reject(e)));

  it("the setting is per union, validated and audited; another union's admin changes nothing", async () => {
    const clock = testClock();
    const { union, scope } = await unionWithAdmin(t.db);
    const other = await unionWithAdmin(t.db);
    expect((await t.db.select().from(unions).where(eq(unions.id, union.id)))[0].documentRetentionDays).toBe(365);
    expect(await setRetentionDays(t.db, clock, other.scope, union.id, 400)).toEqual({ ok: false, reason: "not_found" });
    expect(await setRetentionDays(t.db, clock, scope, union.id, 5)).toEqual({ ok: false, reason: "not_found" });
    expect(await setRetentionDays(t.db, clock, scope, union.id, 400)).toEqual({ ok: true, changed: true });
    expect(await setRetentionDays(t.db, clock, scope, union.id, 400)).toEqual({ ok: true, changed: false });
    expect((await t.db.select().from(unions).where(eq(unions.id, union.id)))[0].documentRetentionDays).toBe(400);
    const events = await t.db.select().from(auditLog).where(and(eq(auditLog.unionId, union.id), eq(auditLog.event, "admin.settings_updated")));
    expect(events.map((e) => e.details)).toEqual([{ before: { documentRetentionDays: 365 }, after: { documentRetentionDays: 400 } }]);
  });

  it("purges only after the retention period, keeps tombstones, audits counts, and a second run does nothing", async () => {
    const { clock, union, scope, ids } = await closedSurveyWithFiles(3);
    await setRetentionDays(t.db, clock, scope, union.id, 30);
    const [before] = await t.db.select().from(files).where(eq(files.id, ids[0]));
    // Closed at 2027-01-20 (closing by hand ends the window now): 30 days later, not before.
    clock.set(new Date(Date.parse("2027-01-20T00:00:00Z") + 30 * DAY - 1000));
    expect(await purgeExpiredDocuments({ db: t.db, clock, storage })).toEqual({ files: 0, batches: 0 });
    expect(await stored(before.storageKey)).toBe(true);
    clock.advance(2000);
    expect(await purgeExpiredDocuments({ db: t.db, clock, storage })).toEqual({ files: 3, batches: 1 });
    const after = await t.db.select().from(files).where(inArray(files.id, ids));
    expect(after.every((f) => f.deletedAt && f.deleteReason === "retention" && f.sha256 === "0".repeat(64))).toBe(true);
    for (const f of after) expect(await stored(f.storageKey)).toBe(false);
    expect(await t.db.select().from(surveyFiles).where(inArray(surveyFiles.fileId, ids))).toEqual([]);
    const [event, ...more] = await t.db.select().from(auditLog).where(and(eq(auditLog.unionId, union.id), eq(auditLog.event, "survey.files_purged")));
    expect(more).toEqual([]);
    expect(event.details).toMatchObject({ files: 3, fileIds: [...ids].sort((a, b) => a - b) });
    expect(await purgeExpiredDocuments({ db: t.db, clock, storage })).toEqual({ files: 0, batches: 0 });
  });

  it("keeps the files of a survey that is still open, whatever the date", async () => {
    const clock = testClock("2026-12-05T03:00:00Z");
    const { union, scope } = await unionWithAdmin(t.db);
    const fam = await createFamily(t.db, clock, union.id, [{ birthDate: "2010-04-02", relationship: "子" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    const [r] = await t.db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, made.survey.id));
    const [f] = await t.db.insert(files).values({ unionId: union.id, ownerMemberId: fam.member.id, originalName: "a.pdf", contentType: "application/pdf", size: 1, sha256: "1".repeat(64), storageKey: crypto.randomBytes(12).toString("hex") }).returning();
    await t.db.insert(surveyFiles).values({ responseId: r.id, slotKey: "resident_record", fileId: f.id });
    clock.set("2030-01-01T00:00:00Z");
    await purgeExpiredDocuments({ db: t.db, clock, storage });
    expect((await t.db.select().from(files).where(eq(files.id, f.id)))[0].deletedAt).toBeNull();
  });

  it("parallel runs purge each file exactly once", async () => {
    const { clock, union, ids } = await closedSurveyWithFiles(450);
    clock.set("2028-06-01T00:00:00Z");
    // Postgres: two more connections, as two app instances would be; PGlite: one connection, interleaved.
    const extra = t.url ? await Promise.all([openDb({ url: t.url, max: 2 }), openDb({ url: t.url, max: 2 })]) : [];
    try {
      const dbs = t.url ? extra.map((h) => h.db) : [t.db, t.db];
      const results = await Promise.all(dbs.map((db) => purgeExpiredDocuments({ db, clock, storage })));
      expect(results.reduce((s, r) => s + r.files, 0)).toBe(450);
    } finally {
      await Promise.all(extra.map((h) => h.close()));
    }
    const events = await t.db.select().from(auditLog).where(and(eq(auditLog.unionId, union.id), eq(auditLog.event, "survey.files_purged")));
    const purged = events.flatMap((e) => (e.details as { fileIds: number[] }).fileIds);
    expect(purged.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(purged).size).toBe(450);
  });
});
