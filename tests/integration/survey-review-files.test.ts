// The union's review of a response's documents, on both databases and both storage drivers: the
// admin file route (scoped, 404 otherwise, safe headers), 「マイナンバーが写っているため削除」 (bytes
// gone for good, tombstone, audit, a mail, the member's notice until a new upload; once, even when
// clicked twice at once; another union's id changes nothing), and reopening one case after the
// survey closed (that member only, until the date).
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, emailOutbox, files, surveyFiles, surveyResponses, surveys } from "@/db/schema";
import type { AdminScope } from "@/lib/admin/scope";
import { testClock, type Clock } from "@/lib/clock";
import { StorageNotFound, type Storage } from "@/lib/storage/types";
import { loadReview } from "@/lib/survey/admin-review";
import type { Answers } from "@/lib/survey/answers-schema";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { reopenCase } from "@/lib/survey/reopen";
import { saveAnswers } from "@/lib/survey/save-answers";
import { deleteMyNumberFile } from "@/lib/uploads/delete-file";
import { myNumberDeletions } from "@/lib/uploads/deleted-by-union";
import { filesForResponse } from "@/lib/uploads/files-for-response";
import { canReadFile } from "@/lib/uploads/read-file";
import { saveUpload } from "@/lib/uploads/save-upload";
import { findUploadTarget } from "@/lib/uploads/upload-target";
import { operatorScope, unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { openTestStorage, type StorageKind } from "../support/storages";
import { createHousehold } from "../support/upload-factories";
import { jpegWithGps, pdfWithPages } from "../support/upload-fixtures";

const state = vi.hoisted(() => ({ db: undefined as unknown, storage: undefined as unknown, scope: null as unknown }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/storage", () => ({ getStorage: () => state.storage }));
vi.mock("@/lib/admin/require-admin", () => ({ adminScopeFromRequest: async () => state.scope }));
const { GET } = await import("@/app/admin/(signed-in)/files/[id]/route");

const NOW = "2026-12-10T01:00:00Z";
const DAY = 86_400_000;

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describeEachDatabase("survey review: documents", (t) => {
  for (const storageKind of ["disk", "s3"] as StorageKind[]) {
    describe(`with ${storageKind} storage`, () => {
      let storage: Storage;
      let close: () => Promise<void>;
      beforeAll(async () => {
        ({ storage, close } = await openTestStorage(storageKind));
      });
      afterAll(() => close());

      /** A union with its admin, a member with a submitted response and the survey's window around `clock`. */
      async function setup(clock: Clock, opts: { status?: string } = {}) {
        const { union, scope } = await unionWithAdmin(t.db);
        const h = await createHousehold(t.db, { unionId: union.id, status: opts.status ?? "submitted" });
        const now = clock.now().getTime();
        await t.db.update(surveys).set({ opensAt: new Date(now - 10 * DAY), closesAt: new Date(now + 30 * DAY) }).where(eq(surveys.id, h.survey.id));
        return { union, scope, h };
      }

      async function upload(clock: Clock, h: Awaited<ReturnType<typeof createHousehold>>, body: Buffer, opts: { dependentId?: number | null; slot?: string; name?: string } = {}) {
        const found = await findUploadTarget(t.db, h.ref, { responseId: h.response.id, dependentId: opts.dependentId === undefined ? h.dependents[0].id : opts.dependentId, slot: opts.slot ?? "tax_certificate" }, clock.now());
        if (!found.ok) throw new Error(found.reason);
        const saved = await saveUpload({ db: t.db, clock, storage }, h.ref, found.target, { body: Readable.from([body]), fileName: opts.name ?? "課税証明書.jpg" });
        if (!saved.ok) throw new Error(saved.reason);
        return saved.file;
      }

      async function get(scope: AdminScope | null, id: number | string) {
        state.db = t.db;
        state.storage = storage;
        state.scope = scope;
        return GET(new Request(`http://localhost/admin/files/${id}`), { params: Promise.resolve({ id: String(id) }) });
      }

      it("the admin file route serves a file of the admin's union only, with safe headers", async () => {
        const clock = testClock(NOW);
        const { union, scope, h } = await setup(clock);
        const other = await unionWithAdmin(t.db);
        const jpeg = await upload(clock, h, await jpegWithGps(), { name: "写真.jpg" });
        const pdf = await upload(clock, h, await pdfWithPages(2), { dependentId: null, slot: "remittance_records", name: "送金.pdf" });

        const ok = await get(scope, jpeg.id);
        expect(ok.status).toBe(200);
        expect(ok.headers.get("content-type")).toBe("image/jpeg");
        expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
        expect(ok.headers.get("cache-control")).toContain("no-store");
        expect(ok.headers.get("content-disposition")).toBe(`inline; filename="__.jpg"; filename*=UTF-8''${encodeURIComponent("写真.jpg")}`);
        expect(ok.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
        expect((await readAll(ok.body as unknown as AsyncIterable<Uint8Array>)).length).toBe(jpeg.size);
        const p = await get(await operatorScope(t.db), pdf.id);
        expect(p.status).toBe(200);
        expect(p.headers.get("content-type")).toBe("application/pdf");
        await p.body?.cancel();

        // Another union's admin, no session, a bad id, an unknown id: the same 404.
        for (const [who, id] of [[other.scope, jpeg.id], [null, jpeg.id], [scope, "1e3"], [scope, jpeg.id + 1_000_000]] as const) {
          const r = await get(who, id);
          expect(r.status).toBe(404);
          expect(r.headers.get("cache-control")).toContain("no-store");
        }
        // Each file served is on record with the admin who looked; the refusals add nothing.
        const viewed = await t.db.select().from(auditLog).where(eq(auditLog.event, "admin.file_viewed"));
        expect(viewed.filter((r) => r.target === `file:${jpeg.id}`)).toEqual([expect.objectContaining({ actorType: "admin", actorId: String(scope.admin.id), unionId: union.id })]);
        expect(viewed.filter((r) => r.target === `file:${pdf.id}`)).toHaveLength(1);
        // A deleted file is gone for everyone.
        expect(await deleteMyNumberFile({ db: t.db, clock, storage }, scope, jpeg.id)).toMatchObject({ ok: true, deleted: true });
        expect((await get(scope, jpeg.id)).status).toBe(404);
        expect((await get(scope, pdf.id)).status).toBe(200);
      });

      it("マイナンバー: deletes the bytes for good, keeps a tombstone, audits, mails the member, and the member is asked to upload again", async () => {
        const clock = testClock(NOW);
        const { scope, h } = await setup(clock);
        const file = await upload(clock, h, await jpegWithGps());
        const [row] = await t.db.select().from(files).where(eq(files.id, file.id));
        clock.advance(60_000);

        expect(await deleteMyNumberFile({ db: t.db, clock, storage, ip: "203.0.113.9" }, scope, file.id)).toMatchObject({ ok: true, deleted: true, outboxId: expect.any(Number) });
        await expect(storage.get(row.storageKey)).rejects.toBeInstanceOf(StorageNotFound);
        const [gone] = await t.db.select().from(files).where(eq(files.id, file.id));
        expect(gone).toMatchObject({ deletedAt: clock.now(), deletedByAdminId: scope.admin.id, deletedByMemberId: null, deleteReason: "my_number", sha256: row.sha256 });
        expect(await canReadFile(t.db, { adminUnionIds: scope.unionIds }, file.id)).toBe(false);
        expect(await canReadFile(t.db, { memberId: h.member.id }, file.id)).toBe(false);
        const events = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "file.deleted_my_number"), eq(auditLog.target, `file:${file.id}`)));
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ actorType: "admin", actorId: String(scope.admin.id), ip: "203.0.113.9" });
        expect(events[0].details).toMatchObject({ reason: "my_number", sha256: row.sha256, responseIds: [h.response.id], slots: ["tax_certificate"] });
        const mails = await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, h.email), eq(emailOutbox.template, "survey-file-deleted")));
        expect(mails).toHaveLength(1);
        expect(mails[0].text).toContain("課税(非課税)証明書");
        expect(mails[0].text).toContain("もう一度アップロード");

        // The status stays submitted; the member's pages name the slot, the review page too.
        const [response] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, h.response.id));
        expect(response.status).toBe("submitted");
        expect(await myNumberDeletions(t.db, h.response.id)).toEqual([{ fileId: file.id, name: file.name, dependentId: h.dependents[0].id, slot: "tax_certificate", deletedAt: clock.now() }]);
        const review = (await loadReview(t.db, scope, h.survey.id, h.response.id))!;
        expect(review.files).toEqual([]);
        expect(review.deletions.map((d) => d.fileId)).toEqual([file.id]);
        // A file in another slot does not answer it; a new one in the same slot does.
        clock.advance(60_000);
        await upload(clock, h, await jpegWithGps(), { slot: "payslips" });
        expect(await myNumberDeletions(t.db, h.response.id)).toHaveLength(1);
        const again = await upload(clock, h, await jpegWithGps());
        expect(await myNumberDeletions(t.db, h.response.id)).toEqual([]);
        expect((await filesForResponse(t.db, h.response.id)).map((f) => f.id)).toContain(again.id);
      });

      it("three clicks at once delete once: one tombstone, one audit record, one mail", async () => {
        const clock = testClock(NOW);
        const { scope, h } = await setup(clock);
        const file = await upload(clock, h, await pdfWithPages(1), { dependentId: null, slot: "remittance_records", name: "a.pdf" });
        const results = await Promise.all([1, 2, 3].map(() => deleteMyNumberFile({ db: t.db, clock, storage }, scope, file.id)));
        expect(results.filter((r) => r.ok && r.deleted)).toHaveLength(1);
        expect(results.every((r) => r.ok)).toBe(true);
        expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "file.deleted_my_number"), eq(auditLog.target, `file:${file.id}`)))).toHaveLength(1);
        expect(await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, h.email), eq(emailOutbox.template, "survey-file-deleted")))).toHaveLength(1);
        // The household slot keeps its link to the tombstone (the member is told which document).
        expect(await t.db.select().from(surveyFiles).where(eq(surveyFiles.fileId, file.id))).toHaveLength(1);
        expect(await myNumberDeletions(t.db, h.response.id)).toMatchObject([{ fileId: file.id, dependentId: null, slot: "remittance_records" }]);
      });

      it("another union's admin: not found, and nothing changes", async () => {
        const clock = testClock(NOW);
        const { h } = await setup(clock);
        const other = await unionWithAdmin(t.db);
        const file = await upload(clock, h, await jpegWithGps());
        const [before] = await t.db.select().from(files).where(eq(files.id, file.id));
        expect(await deleteMyNumberFile({ db: t.db, clock, storage }, other.scope, file.id)).toEqual({ ok: false, reason: "not_found" });
        expect(await deleteMyNumberFile({ db: t.db, clock, storage }, other.scope, -1)).toEqual({ ok: false, reason: "not_found" });
        expect(await t.db.select().from(files).where(eq(files.id, file.id))).toEqual([before]);
        expect(await readAll(await storage.get(before.storageKey))).toHaveLength(before.size);
        expect(await t.db.select().from(auditLog).where(eq(auditLog.target, `file:${file.id}`))).toHaveLength(1); // the upload only
        expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, h.email))).toEqual([]);
      });
    });
  }

  describe("reopening one case", () => {
    async function closedSurvey() {
      const clock = testClock(NOW);
      const { union, scope } = await unionWithAdmin(t.db);
      const a = await createHousehold(t.db, { unionId: union.id, status: "in_progress" });
      const b = await createHousehold(t.db, { unionId: union.id, status: "in_progress" });
      const now = clock.now().getTime();
      // Closed by the union yesterday.
      await t.db.update(surveys).set({ status: "closed", opensAt: new Date(now - 30 * DAY), closesAt: new Date(now - DAY) }).where(eq(surveys.id, a.survey.id));
      return { clock, scope, a, b, surveyId: a.survey.id };
    }
    const answers: Answers = { continuation: "continue", occupation: "unemployed", annualIncome: 0, incomeKinds: [], residence: "together" };
    const slot = (h: Awaited<ReturnType<typeof createHousehold>>) => ({ dependentId: h.dependents[0].id, slot: "tax_certificate" });

    it("lets that one member answer and upload until the end of the date; the others stay closed", async () => {
      const { clock, scope, a, b, surveyId } = await closedSurvey();
      expect(await saveAnswers(t.db, clock, b.ref, { dependentEntryId: b.dependents[0].id, answers, rosterCorrection: null })).toEqual({ ok: false, error: "closed" });
      expect(await findUploadTarget(t.db, b.ref, slot(b), clock.now())).toEqual({ ok: false, reason: "locked" });

      const done = await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-12-20", reason: "入院のため期限に間に合わなかった" });
      expect(done).toMatchObject({ ok: true, changed: true, outboxId: expect.any(Number) });
      const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, b.response.id));
      expect(row).toMatchObject({ reopenedUntil: new Date("2026-12-20T15:00:00Z"), reopenedByAdminId: scope.admin.id, status: "in_progress", version: b.response.version + 1 });
      const events = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.survey.reopen"), eq(auditLog.target, `survey_response:${b.response.id}`)));
      expect(events).toHaveLength(1);
      expect(events[0].details).toMatchObject({ until: "2026-12-20", reason: "入院のため期限に間に合わなかった" });
      expect(await t.db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, b.email), eq(emailOutbox.template, "survey-reopened")))).toHaveLength(1);

      expect(await loadMemberSurvey(t.db, clock, b.ref)).toMatchObject({ phase: "open", editable: true });
      expect(await saveAnswers(t.db, clock, b.ref, { dependentEntryId: b.dependents[0].id, answers, rosterCorrection: null })).toMatchObject({ ok: true });
      expect((await findUploadTarget(t.db, b.ref, slot(b), clock.now())).ok).toBe(true);
      // The other member of the closed survey still cannot.
      expect(await loadMemberSurvey(t.db, clock, a.ref)).toMatchObject({ phase: "after", editable: false });
      expect(await saveAnswers(t.db, clock, a.ref, { dependentEntryId: a.dependents[0].id, answers, rosterCorrection: null })).toEqual({ ok: false, error: "closed" });
      expect(await findUploadTarget(t.db, a.ref, slot(a), clock.now())).toEqual({ ok: false, reason: "locked" });

      // The same date again does nothing more; after the date the case is closed again.
      expect(await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-12-20", reason: "二度押し" })).toEqual({ ok: true, changed: false, outboxId: null });
      clock.set(new Date("2026-12-20T14:59:59Z"));
      expect((await loadMemberSurvey(t.db, clock, b.ref))!.editable).toBe(true);
      clock.set(new Date("2026-12-20T15:00:00Z"));
      expect((await loadMemberSurvey(t.db, clock, b.ref))!.editable).toBe(false);
      expect(await findUploadTarget(t.db, b.ref, slot(b), clock.now())).toEqual({ ok: false, reason: "locked" });
    });

    it("needs a reason and a date from today on; refuses an approved case and an open survey; another union: not found", async () => {
      const { clock, scope, b, surveyId } = await closedSurvey();
      const other = await unionWithAdmin(t.db);
      expect(await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-12-09", reason: " " })).toMatchObject({ ok: false, error: "bad_input", fieldErrors: { until: expect.any(String), reason: expect.any(String) } });
      expect(await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-02-30", reason: "x" })).toMatchObject({ ok: false, fieldErrors: { until: expect.stringContaining("実在する日付") } });
      expect(await reopenCase(t.db, clock, other.scope, { surveyId, responseId: b.response.id, until: "2026-12-20", reason: "x" })).toMatchObject({ ok: false, error: "not_found" });
      await t.db.update(surveyResponses).set({ status: "approved" }).where(eq(surveyResponses.id, b.response.id));
      expect(await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-12-20", reason: "x" })).toMatchObject({ ok: false, error: "approved" });
      await t.db.update(surveys).set({ status: "open", closesAt: new Date(clock.now().getTime() + DAY) }).where(eq(surveys.id, surveyId));
      await t.db.update(surveyResponses).set({ status: "submitted" }).where(eq(surveyResponses.id, b.response.id));
      expect(await reopenCase(t.db, clock, scope, { surveyId, responseId: b.response.id, until: "2026-12-20", reason: "x" })).toMatchObject({ ok: false, error: "still_open" });
      const [row] = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, b.response.id));
      expect(row.reopenedUntil).toBeNull();
      expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "admin.survey.reopen"), eq(auditLog.target, `survey_response:${b.response.id}`)))).toEqual([]);
    });
  });
});
