"use client";
// The roster forms. Without JavaScript they are plain posts to the route handlers (multipart for
// the file), which redirect back to this page with the result. With JavaScript the file is sent
// by XMLHttpRequest (upload progress), then the check's and the import's progress lines are shown.
import { useState, type FormEvent } from "react";

type Phase = { label: string; value: number | null; text: string };

const ERRORS: Record<string, string> = {
  no_file: "名簿ファイルを選んでください。",
  too_large: "ファイルが大きすぎます(512 MB まで)。",
  upload_failed: "アップロードできませんでした。もう一度お試しください。",
};

/** Reads JSON lines from a growing response text, calling `on` for each complete new line. */
function lineReader(on: (line: Record<string, unknown>) => void) {
  let seen = 0;
  return (text: string) => {
    const end = text.lastIndexOf("\n");
    if (end < seen) return;
    for (const line of text.slice(seen, end).split("\n")) if (line.trim()) on(JSON.parse(line));
    seen = end + 1;
  };
}

function percent(bytes: unknown, total: unknown): number | null {
  return typeof bytes === "number" && typeof total === "number" && total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : null;
}

function ProgressView({ phase, error }: { phase: Phase | null; error: string | null }) {
  return (
    <div aria-live="polite" className="space-y-2">
      {phase && (
        <>
          <label htmlFor="roster-progress" className="block font-bold">
            {phase.label}
          </label>
          <progress id="roster-progress" max={100} value={phase.value ?? undefined} className="h-4 w-full" />
          <p className="text-sm">{phase.text}</p>
        </>
      )}
      {error && <p className="rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2">{error}</p>}
    </div>
  );
}

export function UploadForm({ action, initialError }: { action: string; initialError?: string }) {
  const [phase, setPhase] = useState<Phase | null>(null);
  const [error, setError] = useState<string | null>(initialError ? (ERRORS[initialError] ?? null) : null);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState(initialError === "no_file");

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("file") as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) {
      setFileError(true);
      setError(ERRORS.no_file);
      input.focus();
      return;
    }
    setFileError(false);
    setError(null);
    setBusy(true);
    const replace = (form.elements.namedItem("replace") as HTMLInputElement).checked;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${action}${replace ? "&replace=1" : ""}`);
    xhr.setRequestHeader("accept", "application/x-ndjson");
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    setPhase({ label: "アップロード中", value: 0, text: "0%" });
    xhr.upload.onprogress = (e) => {
      const pct = percent(e.loaded, e.lengthComputable ? e.total : file.size);
      setPhase({ label: "アップロード中", value: pct, text: `${pct ?? 0}%(${e.loaded.toLocaleString("ja-JP")} バイト)` });
    };
    xhr.upload.onload = () => setPhase({ label: "確認中", value: 0, text: "ファイルを確認しています…" });
    let next: string | null = null;
    let failed: string | null = null;
    const read = lineReader((line) => {
      if (line.done) {
        if (typeof line.url === "string") next = line.url;
        if (line.error) failed = typeof line.error === "string" ? line.error : "upload_failed";
        return;
      }
      if (typeof line.rows === "number") {
        const pct = percent(line.bytes, line.total);
        setPhase({ label: "確認中", value: pct, text: `${line.rows.toLocaleString("ja-JP")} 行を確認しました(${pct ?? 0}%)` });
      }
    });
    xhr.onprogress = () => read(xhr.responseText);
    xhr.onloadend = () => {
      read(xhr.responseText.endsWith("\n") ? xhr.responseText : `${xhr.responseText}\n`);
      if (next && !failed) {
        window.location.assign(next);
        return;
      }
      setBusy(false);
      setPhase(null);
      setError(ERRORS[failed ?? "upload_failed"] ?? ERRORS.upload_failed);
    };
    xhr.send(file);
  };

  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div className="space-y-1">
        <label htmlFor="roster-file" className="block font-bold">
          名簿ファイル
        </label>
        <p id="roster-file-hint" className="text-sm text-solid-gray-700">
          CSV(UTF-8、BOM 付き UTF-8、Shift_JIS)。見出し行: 記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別
        </p>
        <input
          id="roster-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={fileError || undefined}
          aria-describedby={fileError ? "roster-file-error roster-file-hint" : "roster-file-hint"}
          className="block w-full rounded-lg border border-solid-gray-600 bg-white p-2"
        />
        {fileError && (
          <p id="roster-file-error" className="text-sm font-bold text-error-1">
            名簿ファイルを選んでください。
          </p>
        )}
      </div>
      <div className="flex items-center gap-2">
        <input id="roster-replace" name="replace" type="checkbox" value="1" className="size-5" />
        <label htmlFor="roster-replace">名簿にない人を無効にする</label>
      </div>
      <button type="submit" disabled={busy} className="rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
        確認
      </button>
      <ProgressView phase={phase} error={busy || fileError ? null : error} />
    </form>
  );
}

export function ImportForm({ action, uploadId, totalRows }: { action: string; uploadId: string; totalRows: number }) {
  const [phase, setPhase] = useState<Phase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setPhase({ label: "取り込み中", value: 0, text: "取り込みを始めています…" });
    let next: string | null = null;
    const read = lineReader((line) => {
      if (line.done) {
        if (typeof line.url === "string" && !line.error) next = line.url;
        return;
      }
      if (typeof line.rows === "number") {
        const pct = percent(line.bytes, line.total);
        setPhase({ label: "取り込み中", value: pct, text: `${line.rows.toLocaleString("ja-JP")} / ${totalRows.toLocaleString("ja-JP")} 行(${pct ?? 0}%)` });
      }
    });
    try {
      const response = await fetch(action, { method: "POST", body: new FormData(event.currentTarget), headers: { accept: "application/x-ndjson" } });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += value;
        read(text);
      }
      read(`${text}\n`);
    } catch {
      // falls through to the message below
    }
    if (next) {
      window.location.assign(next);
      return;
    }
    setBusy(false);
    setPhase(null);
    setError("取り込めませんでした。ページを再読み込みして結果を確認してください。");
  };

  return (
    <form method="post" action={action} onSubmit={onSubmit} className="space-y-3">
      <input type="hidden" name="upload" value={uploadId} />
      <button type="submit" disabled={busy} className="rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60">
        取り込む
      </button>
      <ProgressView phase={phase} error={error} />
    </form>
  );
}
