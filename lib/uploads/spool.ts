// Writes an upload's stream to a private temporary file (0600 in a 0700 directory of its own),
// counting as it goes, so an upload that waits for a processing slot costs disk, not memory.
// Past the limit the rest is read and thrown away (a multipart part is already cut off by busboy
// one byte past it, and the answer can still be sent).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";

export interface SpooledFile {
  size: number;
  /** The bytes, read back into memory (call once a slot is yours). */
  read(): Promise<Buffer>;
  /** The first `bytes` bytes (enough to tell the type). */
  head(bytes: number): Promise<Buffer>;
  /** Removes the file; safe to call more than once. */
  dispose(): Promise<void>;
}

export type SpoolResult = { ok: true; file: SpooledFile } | { ok: false; reason: "size" | "empty" };

export async function spoolLimited(stream: Readable | AsyncIterable<Uint8Array>, maxBytes: number, dir: string = os.tmpdir()): Promise<SpoolResult> {
  const folder = await fs.mkdtemp(path.join(dir, "fuyo-upload-"));
  const file = path.join(folder, "body");
  const dispose = () => fs.rm(folder, { recursive: true, force: true });
  let total = 0;
  try {
    const handle = await fs.open(file, "wx", 0o600);
    try {
      for await (const chunk of stream) {
        total += chunk.length;
        if (total > maxBytes) continue;
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  if (total > maxBytes || total === 0) {
    await dispose();
    return { ok: false, reason: total === 0 ? "empty" : "size" };
  }
  const head = async (bytes: number) => {
    const handle = await fs.open(file, "r");
    try {
      const buffer = Buffer.alloc(Math.min(bytes, total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  };
  return { ok: true, file: { size: total, read: () => fs.readFile(file), head, dispose } };
}
