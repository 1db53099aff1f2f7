/** Who is uploading: the signed-in member and their own roster row (本人, 枝番 00). */
export interface UploaderRef {
  memberId: number;
  unionId: number;
  insuredEntryId: number;
}

/** Who may read a file: its member, or an admin scoped to some unions. */
export type FileReader = { memberId: number } | { adminUnionIds: readonly number[] };

/** Slot keys are short codes (lib/survey/required-documents.ts SLOT_KEYS); nothing else reaches the database. */
export const SLOT_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
