// The slots of a response whose file the union deleted because it showed a マイナンバー, and that have
// not had a new file since: the member's survey pages say so and ask for a new upload.
import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { files, surveyFiles } from "@/db/schema";
import { MY_NUMBER_REASON } from "./delete-file";

export interface DeletedByUnion {
  fileId: number;
  name: string;
  /** The dependent's roster entry id, or null for a household document. */
  dependentId: number | null;
  slot: string;
  deletedAt: Date;
}

/** The caller must already know the response is the member's own (or in the admin's scope). */
export async function myNumberDeletions(db: DbOrTx, responseId: number): Promise<DeletedByUnion[]> {
  const rows = await db
    .select({ fileId: files.id, name: files.originalName, dependentId: surveyFiles.dependentEntryId, slot: surveyFiles.slotKey, deletedAt: files.deletedAt })
    .from(surveyFiles)
    .innerJoin(files, eq(files.id, surveyFiles.fileId))
    .where(
      and(
        eq(surveyFiles.responseId, responseId),
        isNotNull(files.deletedAt),
        eq(files.deleteReason, MY_NUMBER_REASON),
        // Done once a live file sits in the same slot, put there after the deletion.
        sql`not exists (
          select 1 from ${surveyFiles} sf2 join ${files} f2 on f2.id = sf2.file_id
          where sf2.response_id = ${surveyFiles.responseId}
            and sf2.slot_key = ${surveyFiles.slotKey}
            and coalesce(sf2.dependent_entry_id, 0) = coalesce(${surveyFiles.dependentEntryId}, 0)
            and f2.deleted_at is null
            and sf2.created_at >= ${files.deletedAt})`,
      ),
    )
    .orderBy(asc(files.deletedAt), asc(files.id));
  return rows.map((r) => ({ ...r, deletedAt: r.deletedAt! }));
}
