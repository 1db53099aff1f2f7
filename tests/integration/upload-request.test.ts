// POST /survey/upload below the route: a real multipart body (as a browser's FormData sends it)
// through busboy to saveUpload, with the fields in the query or in the body.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "@/lib/clock";
import type { Storage } from "@/lib/storage/types";
import { backUrl, safeBack, uploadFlash } from "@/lib/uploads/flash";
import { filesForResponse } from "@/lib/uploads/files-for-response";
import { HeifPool } from "@/lib/uploads/heic-pool";
import { handleUploadRequest } from "@/lib/uploads/upload-request";
import { describeEachDatabase } from "../support/databases";
import { openTestStorage, type StorageKind } from "../support/storages";
import { createHousehold } from "../support/upload-factories";
import { jpegWithGps, zipArchive } from "../support/upload-fixtures";

const clock = testClock("2026-12-10T01:00:00Z");
const pool = new HeifPool({ size: 1 });
afterAll(() => pool.close());

function multipart(url: string, parts: Record<string, string | { bytes: Buffer; name: string; type: string }>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, new Blob([new Uint8Array(v.bytes)], { type: v.type }), v.name);
  }
  return new Request(`http://portal.test${url}`, { method: "POST", body: form });
}

describeEachDatabase("upload request", (t) => {
  for (const kind of ["disk", "s3"] as StorageKind[]) {
    describe(`with ${kind} storage`, () => {
      let storage: Storage;
      let close: () => Promise<void>;
      beforeAll(async () => {
        ({ storage, close } = await openTestStorage(kind));
      });
      afterAll(() => close());
      const deps = () => ({ db: t.db, clock, storage, pool });

      it("takes the slot from the query and the file from the body", async () => {
        const h = await createHousehold(t.db);
        const q = new URLSearchParams({ responseId: String(h.response.id), dependentId: String(h.dependents[0].id), slot: "payslips", back: "/survey/dependents/9" });
        const out = await handleUploadRequest(deps(), h.ref, multipart(`/survey/upload?${q}`, { file: { bytes: await jpegWithGps(), name: "給与明細.jpg", type: "image/jpeg" } }));
        expect(out.result).toMatchObject({ ok: true }); expect(out).toMatchObject({ result: { ok: true, file: { name: "給与明細.jpg" } }, slot: "payslips", dependentId: h.dependents[0].id, back: "/survey/dependents/9" });
        expect((await filesForResponse(t.db, h.response.id)).map((f) => f.slot)).toEqual(["payslips"]);
      });

      it("takes the fields from the body when the query has none (household slot)", async () => {
        const h = await createHousehold(t.db);
        const out = await handleUploadRequest(deps(), h.ref, multipart("/survey/upload", { dependentId: "household", slot: "residence_certificate", file: { bytes: await jpegWithGps(), name: "a.jpg", type: "image/jpeg" } }));
        expect(out.result.ok).toBe(true);
        expect(out.dependentId).toBeNull();
        expect((await filesForResponse(t.db, h.response.id))[0]).toMatchObject({ dependentId: null, slot: "residence_certificate" });
      });

      it("a form sent with no file chosen is 'missing'; a ZIP is 'type'; another household's dependent is 'not_found'", async () => {
        const h = await createHousehold(t.db);
        const other = await createHousehold(t.db, { unionId: h.unionId });
        const q = (dep: number) => `/survey/upload?${new URLSearchParams({ dependentId: String(dep), slot: "tax_certificate" })}`;
        expect((await handleUploadRequest(deps(), h.ref, multipart(q(h.dependents[0].id), { file: { bytes: Buffer.alloc(0), name: "", type: "application/octet-stream" } }))).result).toEqual({ ok: false, reason: "missing" });
        expect((await handleUploadRequest(deps(), h.ref, multipart(q(h.dependents[0].id), { file: { bytes: zipArchive(), name: "x.jpg", type: "image/jpeg" } }))).result).toEqual({ ok: false, reason: "type" });
        expect((await handleUploadRequest(deps(), h.ref, multipart(q(other.dependents[0].id), { file: { bytes: await jpegWithGps(), name: "x.jpg", type: "image/jpeg" } }))).result).toEqual({ ok: false, reason: "not_found" });
        expect(await filesForResponse(t.db, h.response.id)).toEqual([]);
        expect(await filesForResponse(t.db, other.response.id)).toEqual([]);
      });

      it("a file over 10 MB is refused as 'size' while streaming", async () => {
        const h = await createHousehold(t.db);
        const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0xff);
        const q = `/survey/upload?${new URLSearchParams({ dependentId: String(h.dependents[0].id), slot: "tax_certificate" })}`;
        expect((await handleUploadRequest(deps(), h.ref, multipart(q, { file: { bytes: big, name: "big.jpg", type: "image/jpeg" } }))).result).toEqual({ ok: false, reason: "size" });
      });

      it("a body that is not multipart, or is cut off, asks to try again", async () => {
        const h = await createHousehold(t.db);
        const plain = new Request("http://portal.test/survey/upload?slot=tax_certificate", { method: "POST", body: "hello", headers: { "content-type": "text/plain" } });
        expect((await handleUploadRequest(deps(), h.ref, plain)).result).toEqual({ ok: false, reason: "retry" });
        const cut = new Request("http://portal.test/survey/upload", {
          method: "POST",
          body: Readable.toWeb(Readable.from([Buffer.from('--b\r\nContent-Disposition: form-data; name="slot"\r\n\r\ntax_certificate\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff')])) as ReadableStream,
          headers: { "content-type": "multipart/form-data; boundary=b" },
          duplex: "half",
        } as RequestInit);
        expect((await handleUploadRequest(deps(), h.ref, cut)).result).toEqual({ ok: false, reason: "retry" });
        expect(await filesForResponse(t.db, h.response.id)).toEqual([]);
      });
    });
  }
});

describe("the no-JavaScript round trip", () => {
  it("goes back only to survey pages, with the outcome for the one slot", () => {
    expect(safeBack("/survey/dependents/12")).toBe("/survey/dependents/12");
    for (const bad of ["https://evil.example/", "//evil.example", "/survey//evil", "/login", "/survey/../admin", null]) expect(safeBack(bad)).toBe("/survey/documents");
    const url = new URL(backUrl("/survey/dependents/12", { slot: "payslips", dependentId: 12, result: "size" }), "http://x");
    const params = Object.fromEntries(url.searchParams);
    expect(uploadFlash(params, 12, "payslips").error).toContain("10MB");
    expect(uploadFlash(params, 13, "payslips")).toEqual({});
    expect(uploadFlash({ ...params, upload: "ok" }, 12, "payslips")).toEqual({ notice: "アップロードしました。" });
    expect(uploadFlash({ ...params, upload: "<script>" }, 12, "payslips")).toEqual({});
  });
});
