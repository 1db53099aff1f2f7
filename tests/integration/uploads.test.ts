// Uploads end to end below the routes, on both databases and both storage drivers: the pipeline
// stores what it should, refusals store nothing, and another member can never read, replace or
// delete a file by id.
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, files, surveyFiles } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { StorageNotFound, type Storage } from "@/lib/storage/types";
import { deleteMemberFile } from "@/lib/uploads/delete-file";
import { filesForResponse, filesInSlot } from "@/lib/uploads/files-for-response";
import { HeifPool } from "@/lib/uploads/heic-pool";
import { linkFile } from "@/lib/uploads/link-file";
import { canReadFile, openFile } from "@/lib/uploads/read-file";
import { saveUpload } from "@/lib/uploads/save-upload";
import { findUploadTarget, type UploadTarget } from "@/lib/uploads/upload-target";
import type { UploaderRef } from "@/lib/uploads/member-ref";
import { SLOT_KEYS } from "@/lib/survey/required-documents";
import { describeEachDatabase } from "../support/databases";
import { openTestStorage, type StorageKind } from "../support/storages";
import { createHousehold, setResponseStatus, setSurveyStatus } from "../support/upload-factories";
import { heicFixture, jpegWithGps, pdfWithPages, zipArchive } from "../support/upload-fixtures";

const clock = testClock("2026-12-10T01:00:00Z");
const pool = new HeifPool({ size: 2 });
afterAll(() => pool.close());

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describeEachDatabase("uploads", (t) => {
  for (const storageKind of ["disk", "s3"] as StorageKind[]) {
    describe(`with ${storageKind} storage`, () => {
      let storage: Storage;
      let close: () => Promise<void>;
      beforeAll(async () => {
        ({ storage, close } = await openTestStorage(storageKind));
      });
      afterAll(() => close());

      const deps = () => ({ db: t.db, clock, storage, pool, ip: "203.0.113.5" });

      async function target(ref: UploaderRef, input: { responseId?: number; dependentId: number | null; slot: string }): Promise<UploadTarget> {
        const found = await findUploadTarget(t.db, ref, input);
        if (!found.ok) throw new Error(found.reason);
        return found.target;
      }

      async function upload(h: Awaited<ReturnType<typeof createHousehold>>, body: Buffer, opts: { dependentId?: number | null; slot?: string; name?: string } = {}) {
        const tg = await target(h.ref, { responseId: h.response.id, dependentId: opts.dependentId === undefined ? h.dependents[0].id : opts.dependentId, slot: opts.slot ?? "tax_certificate" });
        return saveUpload(deps(), h.ref, tg, { body: Readable.from([body]), fileName: opts.name ?? "IMG_0001.JPG" });
      }

      it("stores a JPEG without its GPS, records it in its slot and audits it", async () => {
        const h = await createHousehold(t.db);
        const result = await upload(h, await jpegWithGps(800, 600));
        if (!result.ok) throw new Error(result.reason);
        const [row] = await t.db.select().from(files).where(eq(files.id, result.file.id));
        expect(row).toMatchObject({ ownerMemberId: h.member.id, unionId: h.unionId, contentType: "image/jpeg", originalName: "IMG_0001.jpg", width: 800, height: 600, deletedAt: null });
        const opened = await openFile(t.db, storage, { memberId: h.member.id }, row.id);
        const stored = await readAll(opened!.body);
        expect(crypto.createHash("sha256").update(stored).digest("hex")).toBe(row.sha256);
        expect(stored.length).toBe(row.size);
        expect((await sharp(stored).metadata()).exif).toBeUndefined();
        const links = await t.db.select().from(surveyFiles).where(eq(surveyFiles.fileId, row.id));
        expect(links).toMatchObject([{ responseId: h.response.id, dependentEntryId: h.dependents[0].id, slotKey: "tax_certificate" }]);
        const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "file.uploaded"), eq(auditLog.target, `file:${row.id}`)));
        expect(audits).toHaveLength(1);
        expect(audits[0]).toMatchObject({ actorType: "member", actorId: String(h.member.id), ip: "203.0.113.5" });
      });

      it("stores a household document, a HEIC as JPEG and a PDF with its pages; filesForResponse lists them by slot", async () => {
        const h = await createHousehold(t.db);
        const a = await upload(h, await pdfWithPages(2), { dependentId: null, slot: "residence_certificate", name: "住民票.pdf" });
        const b = await upload(h, heicFixture(), { slot: "enrollment_certificate", name: "IMG_0002.HEIC" });
        const c = await upload(h, await jpegWithGps(), { dependentId: h.dependents[1].id, slot: "enrollment_certificate" });
        if (!a.ok || !b.ok || !c.ok) throw new Error("upload refused");
        expect(a.file).toMatchObject({ contentType: "application/pdf", pages: 2, name: "住民票.pdf" });
        expect(b.file).toMatchObject({ contentType: "image/jpeg", width: 640, height: 480, name: "IMG_0002.jpg" });
        const all = await filesForResponse(t.db, h.response.id);
        expect(all.map((f) => f.id)).toEqual([a.file.id, b.file.id, c.file.id]);
        expect(filesInSlot(all, null, "residence_certificate")).toEqual([{ id: a.file.id, name: "住民票.pdf", contentType: "application/pdf", size: a.file.size, pages: 2, dependentId: null, slot: "residence_certificate" }]);
        expect(filesInSlot(all, h.dependents[0].id, "enrollment_certificate").map((f) => f.id)).toEqual([b.file.id]);
        expect(filesInSlot(all, h.dependents[1].id, "enrollment_certificate").map((f) => f.id)).toEqual([c.file.id]);
      });

      it("a refused file leaves no row and no bytes", async () => {
        const h = await createHousehold(t.db);
        const before = await t.db.select({ id: files.id }).from(files);
        expect(await upload(h, zipArchive(), { name: "photo.jpg" })).toEqual({ ok: false, reason: "type" });
        expect(await upload(h, Buffer.alloc(0))).toEqual({ ok: false, reason: "empty" });
        expect(await upload(h, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff))).toEqual({ ok: false, reason: "size" });
        expect(await t.db.select({ id: files.id }).from(files)).toEqual(before);
        const refused = await t.db.select().from(auditLog).where(and(eq(auditLog.event, "file.refused"), eq(auditLog.actorId, String(h.member.id))));
        expect(refused.map((r) => (r.details as { reason: string }).reason)).toEqual(["type"]);
      });

      it("when storage fails, the member is told to try again and nothing is recorded", async () => {
        const h = await createHousehold(t.db);
        const broken: Storage = { ...storage, put: async () => Promise.reject(new Error("bucket down")) };
        const tg = await target(h.ref, { dependentId: h.dependents[0].id, slot: "payslips" });
        expect(await saveUpload({ ...deps(), storage: broken }, h.ref, tg, { body: await jpegWithGps(), fileName: "a.jpg" })).toEqual({ ok: false, reason: "retry" });
        expect(await filesForResponse(t.db, h.response.id)).toEqual([]);
      });

      it("another member can never read, replace or delete a file by id", async () => {
        const a = await createHousehold(t.db);
        const b = await createHousehold(t.db, { unionId: a.unionId });
        const saved = await upload(a, await jpegWithGps());
        if (!saved.ok) throw new Error(saved.reason);
        const id = saved.file.id;
        const [before] = await t.db.select().from(files).where(eq(files.id, id));

        expect(await canReadFile(t.db, { memberId: b.member.id }, id)).toBe(false);
        expect(await openFile(t.db, storage, { memberId: b.member.id }, id)).toBeNull();
        // B cannot put a file into A's response, nor into a slot of A's dependent on B's own response.
        expect(await findUploadTarget(t.db, b.ref, { responseId: a.response.id, dependentId: a.dependents[0].id, slot: "tax_certificate" })).toEqual({ ok: false, reason: "not_found" });
        expect(await findUploadTarget(t.db, b.ref, { responseId: b.response.id, dependentId: a.dependents[0].id, slot: "tax_certificate" })).toEqual({ ok: false, reason: "not_found" });
        expect(await findUploadTarget(t.db, b.ref, { responseId: a.response.id, dependentId: null, slot: "tax_certificate" })).toEqual({ ok: false, reason: "not_found" });
        expect(await deleteMemberFile(deps(), b.ref, id)).toEqual({ ok: false, reason: "not_found" });

        const [after] = await t.db.select().from(files).where(eq(files.id, id));
        expect(after).toEqual(before);
        expect(await t.db.select().from(surveyFiles).where(eq(surveyFiles.fileId, id))).toHaveLength(1);
        const opened = await openFile(t.db, storage, { memberId: a.member.id }, id);
        expect(crypto.createHash("sha256").update(await readAll(opened!.body)).digest("hex")).toBe(before.sha256);
      });

      it("an admin reads only files of the unions in their scope", async () => {
        const a = await createHousehold(t.db);
        const other = await createHousehold(t.db);
        const saved = await upload(a, await jpegWithGps());
        if (!saved.ok) throw new Error(saved.reason);
        expect(await canReadFile(t.db, { adminUnionIds: [a.unionId] }, saved.file.id)).toBe(true);
        expect(await canReadFile(t.db, { adminUnionIds: [other.unionId] }, saved.file.id)).toBe(false);
        expect(await canReadFile(t.db, { adminUnionIds: [] }, saved.file.id)).toBe(false);
        expect(await canReadFile(t.db, { memberId: a.member.id }, saved.file.id + 100000)).toBe(false);
      });

      it("deleting keeps a tombstone, unlinks the slot and removes the bytes", async () => {
        const h = await createHousehold(t.db, { status: "submitted" });
        const saved = await upload(h, await pdfWithPages(1));
        if (!saved.ok) throw new Error(saved.reason);
        const [row] = await t.db.select().from(files).where(eq(files.id, saved.file.id));
        clock.advance(60_000);
        expect(await deleteMemberFile(deps(), h.ref, row.id)).toEqual({ ok: true });
        const [gone] = await t.db.select().from(files).where(eq(files.id, row.id));
        expect(gone).toMatchObject({ deletedAt: clock.now(), deletedByMemberId: h.member.id, deleteReason: "member_deleted", sha256: row.sha256 });
        expect(await t.db.select().from(surveyFiles).where(eq(surveyFiles.fileId, row.id))).toEqual([]);
        await expect(storage.get(row.storageKey)).rejects.toBeInstanceOf(StorageNotFound);
        expect(await canReadFile(t.db, { memberId: h.member.id }, row.id)).toBe(false);
        expect(await deleteMemberFile(deps(), h.ref, row.id)).toEqual({ ok: false, reason: "not_found" });
        expect(await t.db.select().from(auditLog).where(and(eq(auditLog.event, "file.deleted"), eq(auditLog.target, `file:${row.id}`)))).toHaveLength(1);
      });

      it("files change after submitting, but not once approved or the survey is closed", async () => {
        const h = await createHousehold(t.db, { status: "submitted" });
        const saved = await upload(h, await jpegWithGps());
        if (!saved.ok) throw new Error(saved.reason);
        await setResponseStatus(t.db, h.response.id, "approved");
        const slot = { dependentId: h.dependents[0].id, slot: "tax_certificate" };
        expect(await findUploadTarget(t.db, h.ref, slot)).toEqual({ ok: false, reason: "locked" });
        expect(await deleteMemberFile(deps(), h.ref, saved.file.id)).toEqual({ ok: false, reason: "locked" });
        await setResponseStatus(t.db, h.response.id, "returned");
        expect((await findUploadTarget(t.db, h.ref, slot)).ok).toBe(true);
        await setSurveyStatus(t.db, h.survey.id, "closed");
        expect(await findUploadTarget(t.db, h.ref, slot)).toEqual({ ok: false, reason: "locked" });
        expect(await canReadFile(t.db, { memberId: h.member.id }, saved.file.id)).toBe(true);
      });

      it("one file serves several dependents; deleting it empties every slot it served", async () => {
        const h = await createHousehold(t.db);
        const other = await createHousehold(t.db, { unionId: h.unionId });
        const saved = await upload(h, await pdfWithPages(1), { slot: "tax_certificate" });
        if (!saved.ok) throw new Error(saved.reason);
        const second = await target(h.ref, { dependentId: h.dependents[1].id, slot: "tax_certificate" });
        expect(await linkFile(deps(), h.ref, saved.file.id, second)).toEqual({ ok: true });
        expect(await linkFile(deps(), h.ref, saved.file.id, second)).toEqual({ ok: true });
        const all = await filesForResponse(t.db, h.response.id);
        expect(all.map((f) => [f.id, f.dependentId])).toEqual([[saved.file.id, h.dependents[0].id], [saved.file.id, h.dependents[1].id]]);
        // Another member cannot link this file into their own slot.
        const theirs = await target(other.ref, { dependentId: other.dependents[0].id, slot: "tax_certificate" });
        expect(await linkFile(deps(), other.ref, saved.file.id, theirs)).toEqual({ ok: false, reason: "not_found" });
        expect(await filesForResponse(t.db, other.response.id)).toEqual([]);
        expect(await deleteMemberFile(deps(), h.ref, saved.file.id)).toEqual({ ok: true });
        expect(await filesForResponse(t.db, h.response.id)).toEqual([]);
      });

      it("refuses slot keys that are not codes, and well-formed keys that are no survey document", async () => {
        const h = await createHousehold(t.db);
        for (const slot of ["", "../x", "Tax", "a".repeat(41), "tax certificate", "passport", "tax_certificate_x", "__proto__", "constructor"]) {
          expect(await findUploadTarget(t.db, h.ref, { dependentId: h.dependents[0].id, slot })).toEqual({ ok: false, reason: "not_found" });
          expect(await findUploadTarget(t.db, h.ref, { dependentId: null, slot })).toEqual({ ok: false, reason: "not_found" });
        }
        // 住民票 is the household's; every document kind is accepted for a dependent and the household.
        expect(await findUploadTarget(t.db, h.ref, { dependentId: h.dependents[0].id, slot: "residence_certificate" })).toEqual({ ok: false, reason: "not_found" });
        expect((await findUploadTarget(t.db, h.ref, { dependentId: null, slot: "residence_certificate" })).ok).toBe(true);
        for (const slot of SLOT_KEYS) {
          expect((await findUploadTarget(t.db, h.ref, { dependentId: h.dependents[0].id, slot })).ok, slot).toBe(true);
          expect((await findUploadTarget(t.db, h.ref, { dependentId: null, slot })).ok, slot).toBe(true);
        }
      });
    });
  }
});
