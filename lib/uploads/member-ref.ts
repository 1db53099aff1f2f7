/** Who is uploading: the signed-in member and their own roster row (本人, 枝番 00). */
export interface UploaderRef {
  memberId: number;
  unionId: number;
  insuredEntryId: number;
}

/** Who may read a file: its member, or an admin scoped to some unions. */
export type FileReader = { memberId: number } | { adminUnionIds: readonly number[] };

import { isSlotKey } from "../survey/required-documents";

/** Slot keys are short codes (lib/survey/required-documents.ts SLOT_KEYS); nothing else reaches the database. */
export const SLOT_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The household's own document (住民票), beside the document kinds a dependent's answers call for. */
export const HOUSEHOLD_SLOT = "residence_certificate";

/** A slot files may go into: a survey document kind (for a dependent or the household), or 住民票 for the household. */
export function isUploadSlot(slot: string, dependentId: number | null): boolean {
  return isSlotKey(slot) || (slot === HOUSEHOLD_SLOT && dependentId === null);
}
