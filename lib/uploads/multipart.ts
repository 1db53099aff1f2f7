// Streams a multipart upload with busboy: fields as they come, then the one file part handed to
// `onFile` as a stream (never buffered here). busboy truncates the part one byte past the limit,
// so the reader sees "too big" without the rest of the body being kept.
import { Readable } from "node:stream";
import busboy from "busboy";
import { MAX_UPLOAD_BYTES } from "./limits";

export interface FilePart {
  stream: Readable;
  fileName: string;
  mimeType: string;
}

export type MultipartOutcome<T> = { ok: true; fields: Record<string, string>; result: T | null } | { ok: false; fields: Record<string, string> };

export function readMultipart<T>(body: ReadableStream<Uint8Array> | null, contentType: string | null, onFile: (fields: Record<string, string>, file: FilePart) => Promise<T>): Promise<MultipartOutcome<T>> {
  const fields: Record<string, string> = Object.create(null);
  return new Promise((resolve) => {
    if (!body || !contentType?.toLowerCase().startsWith("multipart/form-data")) return resolve({ ok: false, fields });
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { files: 1, fileSize: MAX_UPLOAD_BYTES + 1, fields: 10, fieldSize: 2048, parts: 12 } });
    } catch {
      return resolve({ ok: false, fields });
    }
    let pending: Promise<T> | null = null;
    let failed = false;
    parser.on("field", (name, value) => {
      if (name.length <= 40) fields[name] = value;
    });
    parser.on("file", (_name, stream, info) => {
      // The reader sees a cut-off body through its own iteration; this only keeps it from being unhandled.
      stream.on("error", () => {});
      if (pending) {
        stream.resume();
        return;
      }
      pending = onFile({ ...fields }, { stream, fileName: info.filename ?? "", mimeType: info.mimeType });
      // A handler that refuses before reading must still let the parser move on.
      pending.finally(() => stream.resume()).catch(() => {});
    });
    parser.on("error", () => {
      failed = true;
      finish();
    });
    parser.on("close", finish);
    let finished = false;
    async function finish() {
      if (finished) return;
      finished = true;
      if (failed && !pending) return resolve({ ok: false, fields });
      try {
        const result = pending ? await pending : null;
        resolve({ ok: true, fields, result });
      } catch {
        resolve({ ok: false, fields });
      }
    }
    const source = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
    source.on("error", () => parser.destroy(new Error("request aborted")));
    source.pipe(parser);
  });
}
