// The files in a response's slots, for the survey pages (UploadSlot's `files`) and the confirm page.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { files, surveyFiles } from "@/db/schema";

export interface SlotFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  pages?: number;
  /** The dependent's roster entry id, or null for a household document. */
  dependentId: number | null;
  slot: string;
}

/** Every live file of a response, oldest first. The caller must already know the response is the member's own. */
export async function filesForResponse(db: DbOrTx, responseId: number): Promise<SlotFile[]> {
  const rows = await db
    .select({ id: files.id, name: files.originalName, contentType: files.contentType, size: files.size, pages: files.pages, dependentId: surveyFiles.dependentEntryId, slot: surveyFiles.slotKey })
    .from(surveyFiles)
    .innerJoin(files, eq(files.id, surveyFiles.fileId))
    .where(and(eq(surveyFiles.responseId, responseId), isNull(files.deletedAt)))
    .orderBy(asc(surveyFiles.createdAt), asc(surveyFiles.id));
  return rows.map((r) => ({ ...r, pages: r.pages ?? undefined }));
}

/** The files of one slot (one dependent's, or the household's when dependentId is null). */
export function filesInSlot(all: readonly SlotFile[], dependentId: number | null, slot: string): SlotFile[] {
  return all.filter((f) => f.dependentId === dependentId && f.slot === slot);
}
