"use client";
// One document slot: the files already uploaded (thumbnail, or PDF name and pages) with 削除, and
// a plain multipart form to add one more. Without JavaScript the form posts and the route redirects
// back here with the outcome (the page passes it as `error`/`notice`); with JavaScript the upload
// goes by XMLHttpRequest with a progress bar, and the refusal sentence appears next to the slot.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { DEFAULT_BACK, slotId } from "@/lib/uploads/flash";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/limits";
import { REFUSAL_MESSAGES } from "@/lib/uploads/refusals";

export interface UploadSlotFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  pages?: number;
}

export interface UploadSlotProps {
  responseId: number;
  dependentId: number | null;
  slot: string;
  /** The document's name, e.g. 課税(非課税)証明書. */
  label: string;
  files: UploadSlotFile[];
  /** The union has closed the case: files are shown, nothing can be added or deleted. */
  locked: boolean;
  error?: string;
  notice?: string;
  /** What the document must show (e.g. lib/survey DOCUMENT_KINDS hint). */
  hint?: string;
  /** The page to come back to after a plain (no-JavaScript) post; a /survey path. */
  back?: string;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`;
}

export function UploadSlot({ responseId, dependentId, slot, label, files, locked, error, notice, hint, back = DEFAULT_BACK }: UploadSlotProps) {
  const router = useRouter();
  const uid = useId();
  const inputId = `${uid}-file`;
  const errorId = `${uid}-error`;
  const hintId = `${uid}-hint`;
  const [clientError, setClientError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const shownError = clientError ?? (status ? undefined : error);
  const query = new URLSearchParams({ responseId: String(responseId), dependentId: dependentId == null ? "household" : String(dependentId), slot, back });
  const uploadAction = `/survey/upload?${query}`;
  const deleteQuery = new URLSearchParams({ slot, back, ...(dependentId == null ? {} : { dependentId: String(dependentId) }) });

  function upload(event: FormEvent<HTMLFormElement>) {
    const file = inputRef.current?.files?.[0];
    // Refusals that need no round trip; the server checks everything again.
    if (!file) return stop(event, REFUSAL_MESSAGES.missing);
    if (file.size === 0) return stop(event, REFUSAL_MESSAGES.empty);
    if (file.size > MAX_UPLOAD_BYTES) return stop(event, REFUSAL_MESSAGES.size);
    event.preventDefault();
    setClientError(null);
    setStatus("アップロードしています…");
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadAction);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      let body: { ok?: boolean; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status === 200 && body.ok) {
        setStatus("アップロードしました。");
        if (inputRef.current) inputRef.current.value = "";
        router.refresh();
      } else {
        // A whole page load, not router.push(): /login is served without Next's runtime (lean).
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        if (xhr.status === 401) window.location.assign("/login");
        setStatus(null);
        setClientError(body.message ?? REFUSAL_MESSAGES.retry);
      }
    };
    xhr.onerror = xhr.onabort = () => {
      setProgress(null);
      setStatus(null);
      setClientError(REFUSAL_MESSAGES.retry);
    };
    const data = new FormData();
    data.append("file", file, file.name);
    xhr.send(data);
  }

  function stop(event: FormEvent, message: string) {
    event.preventDefault();
    setStatus(null);
    setClientError(message);
  }

  async function remove(event: FormEvent<HTMLFormElement>, file: UploadSlotFile) {
    event.preventDefault();
    setClientError(null);
    setStatus("削除しています…");
    try {
      const res = await fetch(event.currentTarget.action, { method: "POST", headers: { Accept: "application/json" } });
      const body = (await res.json().catch(() => ({}))) as { ok?: boolean; message?: string };
      if (!res.ok || !body.ok) throw new Error(body.message ?? REFUSAL_MESSAGES.retry);
      setStatus(`${file.name} を削除しました。`);
      router.refresh();
    } catch (e) {
      setStatus(null);
      setClientError(e instanceof Error && e.message ? e.message : REFUSAL_MESSAGES.retry);
    }
  }

  return (
    <div id={slotId(dependentId, slot)} role="group" aria-labelledby={`${uid}-title`} className="space-y-3 rounded-lg border border-solid-gray-420 p-4">
      <h3 id={`${uid}-title`} className="text-lg font-bold">
        {label}
      </h3>
      {files.length > 0 ? (
        <ul className="space-y-3" aria-label={`${label}のアップロード済みファイル`}>
          {files.map((f) => (
            <li key={f.id} className="flex items-center gap-3">
              {f.contentType.startsWith("image/") ? (
                // eslint-disable-next-line @next/next/no-img-element -- a private, per-member file; next/image would cache it
                <img src={`/survey/files/${f.id}`} alt={f.name} loading="lazy" className="h-20 w-20 shrink-0 rounded border border-solid-gray-420 object-cover" />
              ) : (
                <span aria-hidden="true" className="flex h-20 w-20 shrink-0 items-center justify-center rounded border border-solid-gray-420 font-bold">
                  PDF
                </span>
              )}
              <span className="min-w-0 flex-1 break-all text-sm">
                <a href={`/survey/files/${f.id}`} target="_blank" rel="noopener" className="text-blue-900 underline">
                  {f.name}
                </a>
                <br />
                {f.pages ? `${f.pages}ページ・` : ""}
                {formatSize(f.size)}
              </span>
              {!locked && (
                <form method="post" action={`/survey/files/${f.id}/delete?${deleteQuery}`} onSubmit={(e) => remove(e, f)}>
                  <button type="submit" className="rounded-lg border-2 border-error-1 px-3 py-2 font-bold text-error-1" aria-label={`${f.name} を削除`}>
                    削除
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">まだアップロードされていません。</p>
      )}
      {locked ? (
        <p className="text-sm">受付が締め切られたため、この書類は変更できません。</p>
      ) : (
        <form method="post" action={uploadAction} encType="multipart/form-data" onSubmit={upload} className="space-y-2" noValidate>
          <label htmlFor={inputId} className="block font-bold">
            {label}のファイル(写真またはPDF)
          </label>
          <div id={hintId} className="space-y-1 text-sm text-solid-gray-700">
            {hint && <p>{hint}</p>}
            <p className="font-bold text-error-2">マイナンバー(個人番号)が写っている場合は、その部分を紙や付せんで隠してから撮影してください。</p>
            <p>読み取れる写真のこつ: 書類全体が枠に入るように、明るい場所で、真上から、ピントを合わせて撮影してください。JPEG・PNG・HEIC・PDF、1ファイル10MBまで。</p>
          </div>
          <input
            ref={inputRef}
            id={inputId}
            name="file"
            type="file"
            accept="image/*,.heic,.heif,application/pdf"
            aria-invalid={shownError ? true : undefined}
            aria-describedby={[shownError ? errorId : null, hintId].filter(Boolean).join(" ")}
            className="block w-full text-base"
            onChange={() => setClientError(null)}
          />
          {progress != null && (
            <progress max={100} value={progress} className="w-full" aria-label={`${label}のアップロードの進み具合`}>
              {progress}%
            </progress>
          )}
          <button type="submit" disabled={progress != null} className="rounded-lg bg-blue-900 px-4 py-3 font-bold text-white disabled:opacity-60">
            アップロード
          </button>
        </form>
      )}
      <div aria-live="polite" aria-atomic="true">
        {shownError && (
          <p id={errorId} className="text-sm font-bold text-error-1">
            <span aria-hidden="true">⚠ </span>
            {shownError}
          </p>
        )}
        {!shownError && (status ?? notice) && <p className="text-sm text-success-2">{status ?? notice}</p>}
      </div>
    </div>
  );
}
