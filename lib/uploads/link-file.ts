// One file serving several slots (a 住民票 for every dependent, one certificate covering two):
// a member links one of their live files into another slot of their own response.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { files, surveyFiles } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import type { UploaderRef } from "./member-ref";
import type { UploadTarget } from "./upload-target";

export type LinkResult = { ok: true } | { ok: false; reason: "not_found" };

/** `target` comes from findUploadTarget (the member's own, unlocked slot). Linking twice is a no-op. */
export async function linkFile(deps: { db: Db; clock: Clock; ip?: string | null }, who: UploaderRef, fileId: number, target: UploadTarget): Promise<LinkResult> {
  return deps.db.transaction(async (tx) => {
    const [file] = await tx
      .select({ id: files.id })
      .from(files)
      .where(and(eq(files.id, fileId), eq(files.ownerMemberId, who.memberId), eq(files.unionId, who.unionId), isNull(files.deletedAt)));
    if (!file) return { ok: false as const, reason: "not_found" as const };
    const inserted = await tx
      .insert(surveyFiles)
      .values({ responseId: target.responseId, dependentEntryId: target.dependentId, slotKey: target.slot, fileId: file.id, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ id: surveyFiles.id });
    if (inserted.length) {
      await audit(tx, deps.clock, { event: "file.linked", actorType: "member", actorId: who.memberId, unionId: who.unionId, target: `file:${file.id}`, ip: deps.ip, details: { responseId: target.responseId, dependentId: target.dependentId, slot: target.slot } });
    }
    return { ok: true as const };
  });
}
