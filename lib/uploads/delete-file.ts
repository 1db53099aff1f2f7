// Deleting a file: the row stays as a tombstone (when, by whom, why), its slot links go, and the
// bytes are removed from storage. A member may delete their own files until the union closes the
// case (also after submitting); another member's id finds nothing and changes nothing.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { files, members, rosterEntries, surveyFiles, surveyResponses, surveys } from "@/db/schema";
import { inScope, type AdminScope } from "@/lib/admin/scope";
import type { Storage } from "@/lib/storage/types";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { loginUrl } from "../email/links";
import { enqueueEmailOrSkip } from "../email/outbox";
import { log } from "../log";
import { DOCUMENT_KINDS, isSlotKey } from "../survey/required-documents";
import type { UploaderRef } from "./member-ref";
import { filesLocked } from "./upload-target";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

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
      .select({ responseStatus: surveyResponses.status, surveyStatus: surveys.status, reopenedUntil: surveyResponses.reopenedUntil })
      .from(surveyFiles)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyFiles.responseId))
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(eq(surveyFiles.fileId, file.id));
    const now = clock.now();
    if (links.some((l) => filesLocked(l.responseStatus, l.surveyStatus, { reopenedUntil: l.reopenedUntil, now }))) return { ok: false as const, reason: "locked" as const };
    await tombstone(tx, clock, file.id, { memberId: who.memberId, reason: "member_deleted" });
    await audit(tx, clock, { event: "file.deleted", actorType: "member", actorId: who.memberId, unionId: who.unionId, target: `file:${file.id}`, ip: deps.ip, details: { reason: "member_deleted" } });
    return { ok: true as const, storageKey: file.storageKey };
  });
  if (!result.ok) return result;
  await removeBytes(storage, result.storageKey);
  return { ok: true };
}

/**
 * Marks a file deleted and unlinks it from every slot (within the caller's transaction).
 * `keepLinks`: the slot rows stay, pointing at the tombstone, so the member's pages can say which
 * document the union deleted (every reader of slots skips deleted files).
 */
export async function tombstone(tx: Tx, clock: Clock, fileId: number, by: { memberId?: number; adminId?: number; reason: string }, opts: { keepLinks?: boolean } = {}): Promise<void> {
  if (!opts.keepLinks) await tx.delete(surveyFiles).where(eq(surveyFiles.fileId, fileId));
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

/** The deleteReason of a file the union deleted because it shows a マイナンバー. */
export const MY_NUMBER_REASON = "my_number";

export type MyNumberDeleteResult = { ok: true; deleted: boolean; outboxId: number | null } | { ok: false; reason: "not_found" };

/**
 * 「マイナンバーが写っているため削除」: the union deletes a member's file for good. The row stays as
 * a tombstone (who, when, why, and its SHA-256) with its slot links, so the member is told which
 * document to upload again; the response's status does not change (a submitted case stays
 * submitted: its answers stand, the slot is simply empty again, and the member may upload while
 * the case is open). A second click, or two at once, finds the tombstone and does nothing more.
 * Another union's file id is not found and nothing changes.
 */
export async function deleteMyNumberFile(deps: { db: Db; clock: Clock; storage: Storage; ip?: string | null }, scope: AdminScope, fileId: number): Promise<MyNumberDeleteResult> {
  if (!Number.isSafeInteger(fileId) || fileId <= 0) return { ok: false, reason: "not_found" };
  const { db, clock, storage } = deps;
  const result = await db.transaction(async (tx) => {
    const [file] = await tx
      .select()
      .from(files)
      .where(and(eq(files.id, fileId), inScope(scope, files.unionId)))
      .for("update");
    if (!file) return { ok: false as const, reason: "not_found" as const };
    // Already deleted (the same click twice, or the member deleted it first): nothing more to do.
    if (file.deletedAt) return { ok: true as const, deleted: false, outboxId: null, storageKey: null };
    const links = await tx
      .select({ responseId: surveyFiles.responseId, slot: surveyFiles.slotKey, dependentName: rosterEntries.name, survey: surveys, status: surveyResponses.status, reopenedUntil: surveyResponses.reopenedUntil })
      .from(surveyFiles)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyFiles.responseId))
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .leftJoin(rosterEntries, eq(rosterEntries.id, surveyFiles.dependentEntryId))
      .where(and(eq(surveyFiles.fileId, file.id), inScope(scope, surveys.unionId)))
      .orderBy(asc(surveyFiles.id));
    await tombstone(tx, clock, file.id, { adminId: scope.admin.id, reason: MY_NUMBER_REASON }, { keepLinks: true });
    await audit(tx, clock, {
      event: "file.deleted_my_number",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId: file.unionId,
      target: `file:${file.id}`,
      ip: deps.ip,
      details: { reason: MY_NUMBER_REASON, ownerMemberId: file.ownerMemberId, sha256: file.sha256, size: file.size, responseIds: [...new Set(links.map((l) => l.responseId))], slots: links.map((l) => l.slot) },
    });
    const [member] = await tx
      .select({ email: members.email })
      .from(members)
      .where(and(eq(members.id, file.ownerMemberId), isNull(members.disabledAt)));
    let outboxId: number | null = null;
    const first = links[0];
    if (member && first) {
      const now = clock.now();
      const documents = links.map((l) => `${isSlotKey(l.slot) ? DOCUMENT_KINDS[l.slot].label : "書類"}${l.dependentName ? `(${l.dependentName} 様)` : ""}`);
      const uploadAgain = !filesLocked(first.status, first.survey.status, { reopenedUntil: first.reopenedUntil, now });
      outboxId = await enqueueEmailOrSkip(
        tx,
        { template: "survey-file-deleted", to: member.email, unionId: file.unionId, props: { surveyTitle: first.survey.title, documents: [...new Set(documents)], uploadAgain, closesOn: first.survey.closesOn, loginUrl: loginUrl() } },
        { clock },
      );
    }
    return { ok: true as const, deleted: true, outboxId, storageKey: file.storageKey };
  });
  if (!result.ok) return result;
  if (result.storageKey) await removeBytes(storage, result.storageKey);
  return { ok: true, deleted: result.deleted, outboxId: result.outboxId };
}
