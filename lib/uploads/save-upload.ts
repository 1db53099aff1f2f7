// One upload, end to end: the slot is checked first (before a byte is read), then the bytes are
// spooled to a temporary file with the size limit, judged and normalised once their processing
// lane has room (lib/uploads/gate.ts), stored, and recorded with their slot in one transaction.
// A failure after storing removes the stored bytes again.
import type { Readable } from "node:stream";
import type { Db } from "@/db/connect";
import { files, surveyFiles } from "@/db/schema";
import { newStorageKey } from "@/lib/storage/keys";
import type { Storage } from "@/lib/storage/types";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { log } from "../log";
import { sanitiseFileName } from "./file-name";
import type { HeifPool } from "./heic-pool";
import { MAX_UPLOAD_BYTES } from "./limits";
import type { UploaderRef } from "./member-ref";
import { processingGate } from "./gate";
import { processUpload, type ProcessResult } from "./process-upload";
import type { UploadRefusal } from "./refusals";
import { sniffKind } from "./sniff";
import { spoolLimited, type SpoolResult } from "./spool";
import type { UploadTarget } from "./upload-target";

export interface SavedFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  pages: number | null;
  width: number | null;
  height: number | null;
  sha256: string;
}

export type SaveResult = { ok: true; file: SavedFile } | { ok: false; reason: UploadRefusal };

export interface SaveDeps {
  db: Db;
  clock: Clock;
  storage: Storage;
  pool?: HeifPool;
  ip?: string | null;
}

export async function saveUpload(
  deps: SaveDeps,
  who: UploaderRef,
  target: UploadTarget,
  upload: { body: Readable | Buffer; fileName: string | null },
): Promise<SaveResult> {
  const received = await receive(upload.body);
  if (!received.ok) return received;
  let processed: ProcessResult;
  try {
    // The lane by the bytes' type (processUpload judges it again, from the whole file).
    const lane = processingGate(await sniffKind(await received.file.head(4100)));
    processed = await lane.run(async () => processUpload(await received.file.read(), deps.pool));
  } finally {
    await received.file.dispose();
  }
  if (!processed.ok) {
    await audit(deps.db, deps.clock, { event: "file.refused", actorType: "member", actorId: who.memberId, unionId: who.unionId, ip: deps.ip, details: { reason: processed.reason, slot: target.slot, responseId: target.responseId } });
    return processed;
  }
  const file = processed.file;
  const key = newStorageKey();
  try {
    await deps.storage.put(key, file.bytes, { contentType: file.contentType });
  } catch (error) {
    log.error({ err: error, storage: deps.storage.kind }, "storage put failed");
    return { ok: false, reason: "retry" };
  }
  const name = sanitiseFileName(upload.fileName, file.contentType);
  try {
    const id = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({ unionId: who.unionId, ownerMemberId: who.memberId, originalName: name, contentType: file.contentType, size: file.size, sha256: file.sha256, storageKey: key, pages: file.pages, width: file.width, height: file.height, createdAt: deps.clock.now() })
        .returning({ id: files.id });
      await tx.insert(surveyFiles).values({ responseId: target.responseId, dependentEntryId: target.dependentId, slotKey: target.slot, fileId: row.id, createdAt: deps.clock.now() });
      await audit(tx, deps.clock, {
        event: "file.uploaded",
        actorType: "member",
        actorId: who.memberId,
        unionId: who.unionId,
        target: `file:${row.id}`,
        ip: deps.ip,
        details: { responseId: target.responseId, dependentId: target.dependentId, slot: target.slot, contentType: file.contentType, size: file.size, sha256: file.sha256 },
      });
      return row.id;
    });
    return { ok: true, file: { id, name, contentType: file.contentType, size: file.size, pages: file.pages, width: file.width, height: file.height, sha256: file.sha256 } };
  } catch (error) {
    log.error({ err: error }, "recording an upload failed");
    await deps.storage.delete(key).catch(() => {});
    return { ok: false, reason: "retry" };
  }
}

/** The body within the size limit; a stream is spooled to disk, to wait for its processing slot there. */
async function receive(body: Readable | Buffer): Promise<SpoolResult> {
  if (!Buffer.isBuffer(body)) return spoolLimited(body, MAX_UPLOAD_BYTES);
  if (body.length === 0) return { ok: false, reason: "empty" };
  if (body.length > MAX_UPLOAD_BYTES) return { ok: false, reason: "size" };
  return { ok: true, file: { size: body.length, read: async () => body, head: async (n) => body.subarray(0, n), dispose: async () => {} } };
}
