// A small streaming multipart/form-data reader for the roster upload without JavaScript: the
// file part is written to disk as it arrives (Request.formData() would hold it in memory), the
// few text fields are kept (capped).
import type { Writable } from "node:stream";

export function boundaryOf(contentType: string | null): string | null {
  const match = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? "");
  return match ? (match[1] ?? match[2]) : null;
}

export interface MultipartResult {
  fields: Record<string, string>;
  /** The `filename` of the file part that was written, if any. */
  fileName?: string;
}

const FIELD_MAX = 4096;
const HEADERS_MAX = 8192;

function dispositionOf(headers: string): { name?: string; filename?: string } {
  const line = headers.split("\r\n").find((l) => /^content-disposition:/i.test(l)) ?? "";
  const name = /\bname="([^"]*)"/i.exec(line)?.[1];
  const filename = /\bfilename="([^"]*)"/i.exec(line)?.[1];
  return { name, filename };
}

async function write(out: Writable, chunk: Uint8Array): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve, reject) => {
    out.once("drain", resolve);
    out.once("error", reject);
  });
}

/**
 * Reads the body; the part whose field name is `fileField` goes to `file` (only the first such
 * part). Throws on a malformed body.
 */
export async function readMultipart(body: AsyncIterable<Uint8Array>, boundary: string, fileField: string, file: Writable): Promise<MultipartResult> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from("\r\n"); // the first delimiter has no CRLF before it
  type State = "preamble" | "after-delimiter" | "headers" | "body" | "done";
  let state = "preamble" as State;
  let part: { name?: string; filename?: string; text: string[]; size: number; toFile: boolean } | null = null;
  const result: MultipartResult = { fields: {} };
  let fileTaken = false;

  const emit = async (bytes: Buffer) => {
    if (!part || bytes.length === 0) return;
    if (part.toFile) await write(file, bytes);
    else if ((part.size += bytes.length) <= FIELD_MAX) part.text.push(bytes.toString("latin1"));
  };
  const close = () => {
    if (part && !part.toFile && part.name !== undefined && part.size <= FIELD_MAX) {
      result.fields[part.name] = Buffer.from(part.text.join(""), "latin1").toString("utf8");
    }
    part = null;
  };

  const step = async (): Promise<boolean> => {
    switch (state) {
      case "preamble":
      case "body": {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const keep = delimiter.length - 1;
          if (buf.length > keep) {
            if (state === "body") await emit(buf.subarray(0, buf.length - keep));
            buf = buf.subarray(buf.length - keep);
          }
          return false;
        }
        if (state === "body") await emit(buf.subarray(0, at));
        close();
        buf = buf.subarray(at + delimiter.length);
        state = "after-delimiter";
        return true;
      }
      case "after-delimiter": {
        if (buf.length < 2) return false;
        const two = buf.subarray(0, 2).toString("latin1");
        if (two === "--") {
          state = "done";
          return false;
        }
        if (two !== "\r\n") throw new Error("malformed multipart body");
        buf = buf.subarray(2);
        state = "headers";
        return true;
      }
      case "headers": {
        const at = buf.indexOf("\r\n\r\n");
        if (at < 0) {
          if (buf.length > HEADERS_MAX) throw new Error("multipart headers too long");
          return false;
        }
        const { name, filename } = dispositionOf(buf.subarray(0, at).toString("utf8"));
        const toFile = name === fileField && filename !== undefined && !fileTaken;
        if (toFile) {
          fileTaken = true;
          result.fileName = filename;
        }
        part = { name, filename, text: [], size: 0, toFile };
        buf = buf.subarray(at + 4);
        state = "body";
        return true;
      }
      default:
        return false;
    }
  };

  for await (const chunk of body) {
    if (state === "done") continue; // drain the epilogue
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    while (await step());
  }
  if (state !== "done") throw new Error("truncated multipart body");
  return result;
}
