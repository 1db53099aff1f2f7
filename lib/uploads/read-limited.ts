// Reads a stream into memory, counting as it goes: past the limit it stops at once (the rest of
// the body is never buffered), so a 1 GB upload costs no more than a 10 MB one.
import type { Readable } from "node:stream";

export type LimitedRead = { ok: true; bytes: Buffer } | { ok: false; reason: "size" | "empty" };

/**
 * `drain`: past the limit, keep reading but throw the bytes away (for a multipart part whose
 * parser already truncates it, so the answer can still be sent); otherwise destroy the stream.
 */
export async function readLimited(stream: Readable | AsyncIterable<Uint8Array>, maxBytes: number, options: { drain?: boolean } = {}): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) {
      chunks.length = 0;
      if (options.drain) continue;
      (stream as Readable).destroy?.();
      return { ok: false, reason: "size" };
    }
    chunks.push(Buffer.from(chunk));
  }
  if (total > maxBytes) return { ok: false, reason: "size" };
  if (total === 0) return { ok: false, reason: "empty" };
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
