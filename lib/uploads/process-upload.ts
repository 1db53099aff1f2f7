// One uploaded file from raw bytes to what we store: judged by content, size-checked, photos
// normalised (HEIC decoded in the pool), PDFs parsed; or a refusal with its reason.
import crypto from "node:crypto";
import { heifPool, type HeifPool } from "./heic-pool";
import { declaredPixels, normaliseImage } from "./image";
import { MAX_PIXELS, MAX_UPLOAD_BYTES } from "./limits";
import { checkPdf } from "./pdf";
import type { UploadRefusal } from "./refusals";
import { sniffKind } from "./sniff";

export interface ProcessedUpload {
  bytes: Buffer;
  contentType: "image/jpeg" | "image/png" | "application/pdf";
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  pages: number | null;
}

export type ProcessResult = { ok: true; file: ProcessedUpload } | { ok: false; reason: UploadRefusal };

export async function processUpload(input: Buffer, pool: HeifPool = heifPool()): Promise<ProcessResult> {
  if (input.length === 0) return { ok: false, reason: "empty" };
  if (input.length > MAX_UPLOAD_BYTES) return { ok: false, reason: "size" };
  const kind = await sniffKind(input);
  if (!kind) return { ok: false, reason: "type" };

  if (kind === "pdf") {
    const check = await checkPdf(input);
    if (!check.ok) return { ok: false, reason: check.reason };
    return { ok: true, file: finish(input, "application/pdf", { pages: check.pages }) };
  }

  try {
    if (kind === "heif") {
      const decoded = await pool.decode(input).catch(() => null);
      // A worker that died is our fault, not the file's: the member can try again.
      if (!decoded) return { ok: false, reason: "retry" };
      if (!decoded.ok) return { ok: false, reason: decoded.reason };
      const image = await normaliseImage({ kind: "raw", pixels: decoded.pixels, width: decoded.width, height: decoded.height, channels: decoded.channels });
      return { ok: true, file: finish(image.bytes, image.contentType, image) };
    }
    const pixels = await declaredPixels(input);
    if (pixels == null) return { ok: false, reason: "unreadable" };
    if (pixels > MAX_PIXELS) return { ok: false, reason: "pixels" };
    const image = await normaliseImage({ kind, bytes: input });
    return { ok: true, file: finish(image.bytes, image.contentType, image) };
  } catch {
    // sharp refuses truncated or corrupt images with an error; the member should try another file.
    return { ok: false, reason: "unreadable" };
  }
}

function finish(bytes: Buffer, contentType: ProcessedUpload["contentType"], extra: { width?: number; height?: number; pages?: number }): ProcessedUpload {
  return {
    bytes,
    contentType,
    size: bytes.length,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    width: extra.width ?? null,
    height: extra.height ?? null,
    pages: extra.pages ?? null,
  };
}
