// Where a member may put a file: for the uploads side (routes and actions take the member's
// MemberSurvey from loadMemberSurvey(db, clock, ref) and ask here before touching storage).
// SPEC: files can be deleted and uploaded again until the union closes the case (確認完了),
// including after submission; before the window opens nothing is accepted.
import type { MemberSurvey } from "./member-survey";
import { isSlotKey, type SlotKey } from "./required-documents";

export type UploadTarget = { ok: true; responseId: number; dependentEntryId: number | null; slot: SlotKey } | { ok: false; reason: "not_found" | "closed" };

/**
 * `dependentEntryId` null is a household document (one file for several people, e.g. 住民票): any
 * slot some dependent of this response needs. Otherwise the dependent must be one of THIS member's
 * targets and the slot one it needs (or any known slot while its answers are still a draft, so an
 * early upload is not refused).
 */
export function uploadTarget(s: MemberSurvey, dependentEntryId: number | null, slot: string): UploadTarget {
  if (!isSlotKey(slot)) return { ok: false, reason: "not_found" };
  if (dependentEntryId !== null) {
    const d = s.dependents.find((x) => x.entry.id === dependentEntryId);
    if (!d) return { ok: false, reason: "not_found" };
  }
  if (s.status === "approved" || s.phase === "before") return { ok: false, reason: "closed" };
  return { ok: true, responseId: s.response.id, dependentEntryId, slot };
}
