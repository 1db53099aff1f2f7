// The document slots of one dependent: one UploadSlot per required document, with the files
// already in it and the outcome of the last plain (no-JavaScript) upload or delete.
import type { SlotFile } from "@/lib/uploads/files-for-response";
import { filesInSlot } from "@/lib/uploads/files-for-response";
import { uploadFlash } from "@/lib/uploads/flash";
import { DOCUMENT_KINDS, type SlotKey } from "@/lib/survey/required-documents";
import { UploadSlot } from "./upload-slot";

export function SlotList(props: {
  slots: SlotKey[];
  responseId: number;
  dependentEntryId: number | null;
  editable: boolean;
  files: readonly SlotFile[];
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const { slots, responseId, dependentEntryId } = props;
  if (slots.length === 0) return <p className="text-sm">この方の書類は必要ありません。</p>;
  return (
    <ul className="space-y-3">
      {slots.map((k) => (
        <li key={k}>
          <UploadSlot
            responseId={responseId}
            dependentId={dependentEntryId}
            slot={k}
            label={DOCUMENT_KINDS[k].label}
            hint={DOCUMENT_KINDS[k].hint}
            files={filesInSlot(props.files, dependentEntryId, k)}
            locked={!props.editable}
            back="/survey/documents"
            {...uploadFlash(props.searchParams, dependentEntryId, k)}
          />
        </li>
      ))}
    </ul>
  );
}
