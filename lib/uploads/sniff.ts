// The type of an upload, judged by its bytes (never its name or the browser's claim).
import { fileTypeFromBuffer } from "file-type";

export type UploadKind = "jpeg" | "png" | "heif" | "pdf";

const KINDS: Record<string, UploadKind> = {
  "image/jpeg": "jpeg",
  "image/png": "png",
  "image/heic": "heif",
  "image/heif": "heif",
  "application/pdf": "pdf",
};

export async function sniffKind(bytes: Uint8Array): Promise<UploadKind | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && KINDS[found.mime]) ?? null;
}
