// The documents beside a dependent's answers (or the household's): each slot with its files, served
// by /admin/files/ID. Images are shown inline, a checkbox enlarges them (CSS only: the strict CSP
// allows no inline script or style) and a link opens the full size; a PDF opens in the browser's
// viewer in a frame (the file route allows framing by our own pages) with a link to a new tab.
// Each file has 「マイナンバーが写っているため削除」 behind a confirmation (<details>, no script).
import { formatJst } from "@/lib/errors";
import { DOCUMENT_KINDS, isSlotKey } from "@/lib/survey/required-documents";
import type { DeletedByUnion } from "@/lib/uploads/deleted-by-union";
import type { SlotFile } from "@/lib/uploads/files-for-response";
import { deleteMyNumberAction } from "./actions";

const slotLabel = (slot: string) => (isSlotKey(slot) ? DOCUMENT_KINDS[slot].label : slot);

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

export interface DocumentsProps {
  surveyId: number;
  responseId: number;
  /** The slots the answers call for; slots that hold files anyway are listed too. */
  required: readonly string[];
  files: readonly SlotFile[];
  deletions: readonly DeletedByUnion[];
  /** Who these are for, in headings and names (e.g. 「健保 花子 様」 or 「世帯」). */
  owner: string;
}

export function Documents({ surveyId, responseId, required, files, deletions, owner }: DocumentsProps) {
  const slots = [...new Set([...required, ...files.map((f) => f.slot), ...deletions.map((d) => d.slot)])];
  if (slots.length === 0) return <p>必要な書類はありません。</p>;
  return (
    <ul className="space-y-4">
      {slots.map((slot) => {
        const inSlot = files.filter((f) => f.slot === slot);
        const deleted = deletions.filter((d) => d.slot === slot);
        return (
          <li key={slot} className="space-y-2">
            <h4 className="font-bold">
              {slotLabel(slot)}
              {!required.includes(slot) && <span className="ml-2 text-sm font-normal">(回答からは不要)</span>}
            </h4>
            {deleted.map((d) => (
              <p key={d.fileId} className="rounded-lg border-l-4 border-error-1 bg-red-50 p-2 text-sm">
                {d.name} は、マイナンバーが写っていたため {formatJst(d.deletedAt)} に削除しました。会員の再提出を待っています。
              </p>
            ))}
            {inSlot.length === 0 ? (
              deleted.length === 0 && <p className="text-sm font-bold text-error-2">未提出</p>
            ) : (
              <ul className="space-y-4">
                {inSlot.map((f) => (
                  <li key={f.id}>
                    <FileView file={f} alt={`${slotLabel(slot)}(${owner}):${f.name}`} />
                    <DeleteMyNumber surveyId={surveyId} responseId={responseId} fileId={f.id} name={f.name} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function FileView({ file, alt }: { file: SlotFile; alt: string }) {
  const href = `/admin/files/${file.id}`;
  const meta = `${file.name}(${file.contentType === "application/pdf" ? `PDF・${file.pages ?? "?"}ページ・` : ""}${formatSize(file.size)})`;
  if (file.contentType === "application/pdf") {
    return (
      <figure className="space-y-1">
        <iframe src={href} title={alt} loading="lazy" className="h-[36rem] w-full rounded border border-solid-gray-300" />
        <figcaption className="text-sm">
          {meta}{" "}
          <a href={href} target="_blank" rel="noopener" className="text-blue-900 underline">
            新しいタブで開く
          </a>
        </figcaption>
      </figure>
    );
  }
  const zoomId = `zoom-${file.id}`;
  return (
    <figure className="group space-y-1">
      <a href={href} target="_blank" rel="noopener" className="block">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private file behind the admin gate, never optimised or cached */}
        <img src={href} alt={alt} loading="lazy" className="max-h-72 max-w-full rounded border border-solid-gray-300 group-has-checked:max-h-none group-has-checked:w-full" />
      </a>
      <figcaption className="flex flex-wrap items-center gap-x-4 text-sm">
        <span>{meta}</span>
        <label htmlFor={zoomId} className="flex items-center gap-1">
          <input id={zoomId} type="checkbox" />
          拡大して表示
        </label>
        <a href={href} target="_blank" rel="noopener" className="text-blue-900 underline">
          原寸で開く
        </a>
      </figcaption>
    </figure>
  );
}

function DeleteMyNumber({ surveyId, responseId, fileId, name }: { surveyId: number; responseId: number; fileId: number; name: string }) {
  return (
    <details className="mt-2 rounded-lg border border-error-1 p-2">
      <summary className="cursor-pointer font-bold text-error-2">マイナンバーが写っているため削除</summary>
      <form action={deleteMyNumberAction} className="mt-2 space-y-2">
        <input type="hidden" name="surveyId" value={surveyId} />
        <input type="hidden" name="responseId" value={responseId} />
        <input type="hidden" name="fileId" value={fileId} />
        <p className="text-sm">
          {name} を完全に削除します。元に戻すことはできません。会員には、マイナンバーを隠してもう一度アップロードするよう、画面とメールで知らせます。
        </p>
        <button type="submit" className="rounded-lg bg-error-1 px-4 py-2 font-bold text-white hover:bg-error-2">
          削除する
        </button>
      </form>
    </details>
  );
}
