// Who may read a stored file, and opening it for them. A file is readable by its owner member, or
// by an admin whose scope includes the file's union; a tombstoned file by nobody.
import { Readable } from "node:stream";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { files } from "@/db/schema";
import { StorageNotFound, type Storage } from "@/lib/storage/types";
import type { FileReader } from "./member-ref";

export type StoredFile = typeof files.$inferSelect;

function scopeOf(who: FileReader) {
  if ("memberId" in who) return eq(files.ownerMemberId, who.memberId);
  return who.adminUnionIds.length ? inArray(files.unionId, [...who.adminUnionIds]) : undefined;
}

async function readableFile(db: DbOrTx, who: FileReader, fileId: number): Promise<StoredFile | null> {
  if (!Number.isSafeInteger(fileId) || fileId <= 0) return null;
  const scope = scopeOf(who);
  if (!scope) return null;
  const [row] = await db.select().from(files).where(and(eq(files.id, fileId), isNull(files.deletedAt), scope));
  return row ?? null;
}

export async function canReadFile(db: DbOrTx, who: FileReader, fileId: number): Promise<boolean> {
  return (await readableFile(db, who, fileId)) !== null;
}

/** The file's metadata and its bytes as a stream, or null (not theirs, deleted, or the bytes are gone). */
export async function openFile(db: DbOrTx, storage: Storage, who: FileReader, fileId: number): Promise<{ file: StoredFile; body: Readable } | null> {
  const file = await readableFile(db, who, fileId);
  if (!file) return null;
  try {
    return { file, body: await storage.get(file.storageKey) };
  } catch (error) {
    if (error instanceof StorageNotFound) return null;
    throw error;
  }
}

/** `Content-Disposition` for a stored file: inline, with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A stored file as the answer of a file route: its stored type, inline under its name, never cached or sniffed. */
export function fileResponse(opened: { file: StoredFile; body: Readable }, extraHeaders: Record<string, string> = {}): Response {
  const { file, body } = opened;
  return new Response(Readable.toWeb(body) as ReadableStream, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.originalName),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      ...extraHeaders,
    },
  });
}
