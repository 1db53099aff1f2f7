// The document slots of one dependent (or the household).
// TODO(integrator): replace each <li> with the uploads helper's
// `<UploadSlot …/>` from app/(member)/survey/_components/upload-slot.tsx (one per slot key).
import { DOCUMENT_KINDS, type SlotKey } from "@/lib/survey/required-documents";

export function SlotList({ slots }: { slots: SlotKey[]; responseId: number; dependentEntryId: number | null; editable: boolean }) {
  if (slots.length === 0) return <p className="text-sm">この方の書類は必要ありません。</p>;
  return (
    <ul className="space-y-2">
      {slots.map((k) => (
        <li key={k} className="rounded-lg border border-solid-gray-300 p-3">
          <p className="font-bold">{DOCUMENT_KINDS[k].label}</p>
          <p className="text-sm">{DOCUMENT_KINDS[k].hint}</p>
          <p className="mt-1 text-sm font-bold">マイナンバー(個人番号)が写っている場合は、隠してから提出してください。</p>
        </li>
      ))}
    </ul>
  );
}
