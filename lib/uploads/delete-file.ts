// Deleting a file: the row stays as a tombstone (when, by whom, why), its slot links go, and the
// bytes are removed from storage. A member may delete their own files until the union closes the
// case (also after submitting); another member's id finds nothing and changes nothing.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { files, surveyFiles, surveyResponses, surveys } from "@/db/schema";
import type { Storage } from "@/lib/storage/types";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { log } from "../log";
import type { UploaderRef } from "./member-ref";
import { filesLocked } from "./upload-target";

export type DeleteResult = { ok: true } | { ok: false; reason: "not_found" | "locked" };

export async function deleteMemberFile(deps: { db: Db; clock: Clock; storage: Storage; ip?: string | null }, who: UploaderRef, fileId: number): Promise<DeleteResult> {
  if (!Number.isSafeInteger(fileId) || fileId <= 0) return { ok: false, reason: "not_found" };
  const { db, clock, storage } = deps;
  const result = await db.transaction(async (tx) => {
    const [file] = await tx
      .select({ id: files.id, storageKey: files.storageKey })
      .from(files)
      .where(and(eq(files.id, fileId), eq(files.ownerMemberId, who.memberId), eq(files.unionId, who.unionId), isNull(files.deletedAt)))
      .for("update");
    if (!file) return { ok: false as const, reason: "not_found" as const };
    const links = await tx
      .select({ responseStatus: surveyResponses.status, surveyStatus: surveys.status })
      .from(surveyFiles)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyFiles.responseId))
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(eq(surveyFiles.fileId, file.id));
    if (links.some((l) => filesLocked(l.responseStatus, l.surveyStatus))) return { ok: false as const, reason: "locked" as const };
    await tombstone(tx, clock, file.id, { memberId: who.memberId, reason: "member_deleted" });
    await audit(tx, clock, { event: "file.deleted", actorType: "member", actorId: who.memberId, unionId: who.unionId, target: `file:${file.id}`, ip: deps.ip, details: { reason: "member_deleted" } });
    return { ok: true as const, storageKey: file.storageKey };
  });
  if (!result.ok) return result;
  await removeBytes(storage, result.storageKey);
  return { ok: true };
}

/** Marks a file deleted and unlinks it from every slot (within the caller's transaction). */
export async function tombstone(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], clock: Clock, fileId: number, by: { memberId?: number; adminId?: number; reason: string }): Promise<void> {
  await tx.delete(surveyFiles).where(eq(surveyFiles.fileId, fileId));
  await tx
    .update(files)
    .set({ deletedAt: clock.now(), deletedByMemberId: by.memberId ?? null, deletedByAdminId: by.adminId ?? null, deleteReason: by.reason })
    .where(eq(files.id, fileId));
}

/** After the tombstone is committed; a failure leaves unreachable bytes that are logged for a retry. */
export async function removeBytes(storage: Storage, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    log.error({ err: error, storageKey: key }, "deleting stored bytes failed");
  }
}
