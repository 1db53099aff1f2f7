// The union deleted a file of this member's because it showed a マイナンバー: which document, and
// that the slot needs a new upload. Gone once a new file is in that slot (lib/uploads/deleted-by-union.ts).
import Link from "next/link";
import { DOCUMENT_KINDS, isSlotKey } from "@/lib/survey/required-documents";
import type { DeletedByUnion } from "@/lib/uploads/deleted-by-union";

/** `uploadable`: the case takes files now; otherwise (closed, not reopened) the union will get in touch. */
export function MyNumberNotice({ deletions, names, link, uploadable }: { deletions: readonly DeletedByUnion[]; names: ReadonlyMap<number, string>; link: boolean; uploadable: boolean }) {
  if (deletions.length === 0) return null;
  const items = [...new Set(deletions.map((d) => `${isSlotKey(d.slot) ? DOCUMENT_KINDS[d.slot].label : "書類"}${d.dependentId != null && names.has(d.dependentId) ? `(${names.get(d.dependentId)} 様)` : ""}`))];
  return (
    <div role="status" className="space-y-2 rounded-lg border-2 border-error-1 bg-red-50 p-3 text-error-2">
      <p className="font-bold">
        マイナンバー(個人番号)が写っていたため、健康保険組合が次の書類を削除しました。
        {uploadable ? "マイナンバーの部分を隠して、もう一度アップロードしてください。" : "出し直しの方法は、健康保険組合からご連絡します。"}
      </p>
      <ul className="list-disc pl-6">
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      {link && uploadable && (
        <Link href="/survey/documents" className="inline-block py-1 font-bold text-blue-900 underline">
          提出する書類へ
        </Link>
      )}
    </div>
  );
}
