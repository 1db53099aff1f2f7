// Roster files uploaded from /admin/roster: staged on disk under a random id bound to the union,
// checked with the CLI's own parser and compared with the current roster by the import's merge
// rules, writing nothing (lib/roster/check.ts: the preview counts are what the import will do),
// then imported all or nothing. Every function takes the admin's scope and finds uploads only inside it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, type Writable } from "node:stream";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { admins, rosterImports, rosterUploads, unions } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { checkRoster, type CheckResult } from "../roster/check";
import { importRoster, type ImportResult } from "../roster/import";
import type { AdminScope } from "./scope";
import { inUnions } from "./scope-params";

export const UPLOAD_DIR = process.env.ROSTER_UPLOAD_DIR ?? path.join(process.cwd(), ".data", "roster-uploads");
/** Far above a 1,000,000-row roster (~60 MB); a bound so a runaway upload cannot fill the disk. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const STALE_MS = 24 * 60 * 60 * 1000;

export type Upload = typeof rosterUploads.$inferSelect;
export type Progress = { phase: "check" | "import"; bytes: number; rows: number; total: number };

export class UploadTooLarge extends Error {}

function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters out, length bounded: the name is shown in the history.
  return base.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "roster.csv";
}

/** Counts bytes through to disk and stops a file over the limit. */
function limited(total: { bytes: number }): (source: AsyncIterable<Uint8Array>) => AsyncGenerator<Uint8Array> {
  return async function* (source) {
    for await (const chunk of source) {
      total.bytes += chunk.byteLength;
      if (total.bytes > MAX_UPLOAD_BYTES) throw new UploadTooLarge("upload too large");
      yield chunk;
    }
  };
}

/**
 * Writes the body to a temp file and records the upload. `write` receives a Writable to fill
 * (the raw body or a multipart reader); it resolves with the file's name as the browser sent it.
 */
export async function stageUpload(
  db: Db,
  clock: Clock,
  scope: AdminScope,
  input: { unionId: number; write: (file: Writable) => Promise<{ fileName?: string; replace: boolean }> },
): Promise<Upload | "no_file" | null> {
  if (!scope.unionIds.includes(input.unionId)) return null;
  await fs.promises.mkdir(UPLOAD_DIR, { recursive: true, mode: 0o700 });
  await removeStale(db, clock);
  const id = crypto.randomBytes(16).toString("hex");
  const file = path.join(UPLOAD_DIR, `${id}.csv`);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let sent: { fileName?: string; replace: boolean };
  try {
    sent = await input.write(out);
    out.end();
    await new Promise<void>((resolve, reject) => {
      out.once("finish", resolve);
      out.once("error", reject);
    });
  } catch (error) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  const { size } = await fs.promises.stat(file);
  if (!sent.fileName && size === 0) {
    await fs.promises.rm(file, { force: true });
    return "no_file";
  }
  const now = clock.now();
  const [row] = await db
    .insert(rosterUploads)
    .values({
      id,
      unionId: input.unionId,
      adminId: scope.admin.id,
      fileName: cleanFileName(sent.fileName ?? ""),
      path: file,
      bytes: size,
      replace: sent.replace,
      status: "uploaded",
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row;
}

/** Streams a raw body into `file`, within the size limit. */
export async function writeBody(body: AsyncIterable<Uint8Array>, file: Writable): Promise<void> {
  await pipeline(Readable.from(limitedBody(body)), file, { end: false });
}

/** The body, failing once it passes MAX_UPLOAD_BYTES. */
export function limitedBody(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  return limited({ bytes: 0 })(body);
}

export async function getUpload(db: Db, scope: AdminScope, id: string): Promise<Upload | null> {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const [row] = await db.select().from(rosterUploads).where(and(eq(rosterUploads.id, id), inUnions(rosterUploads.unionId, scope.unionIds)));
  return row ?? null;
}

/** Moves an upload from one status to the next, atomically: a second click finds nothing to claim. */
async function claim(db: Db, clock: Clock, scope: AdminScope, id: string, from: string, to: string): Promise<Upload | null> {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const [row] = await db
    .update(rosterUploads)
    .set({ status: to, updatedAt: clock.now() })
    .where(and(eq(rosterUploads.id, id), eq(rosterUploads.status, from), inUnions(rosterUploads.unionId, scope.unionIds)))
    .returning();
  return row ?? null;
}

async function unionCodeFor(db: Db, unionId: number): Promise<string> {
  const [u] = await db.select({ code: unions.code }).from(unions).where(eq(unions.id, unionId));
  return u.code;
}

function progressFor(phase: Progress["phase"], total: number, onProgress?: (p: Progress) => void) {
  return onProgress ? ({ bytes, rows }: { bytes: number; rows: number }) => onProgress({ phase, bytes, rows, total }) : undefined;
}

async function run(db: Db, clock: Clock, scope: AdminScope, upload: Upload, onProgress?: (p: Progress) => void): Promise<ImportResult> {
  return importRoster(db, {
    unionCode: await unionCodeFor(db, upload.unionId),
    input: fs.createReadStream(upload.path, { highWaterMark: 256 * 1024 }),
    fileName: upload.fileName,
    replace: upload.replace,
    clock,
    adminId: scope.admin.id,
    onProgress: progressFor("import", upload.bytes, onProgress),
  });
}

/** 確認: parses the whole file and computes what importing it would do; nothing is written to the roster. */
export async function checkUpload(db: Db, clock: Clock, scope: AdminScope, id: string, onProgress?: (p: Progress) => void): Promise<Upload | null> {
  const upload = await claim(db, clock, scope, id, "uploaded", "checking");
  if (!upload) return getUpload(db, scope, id);
  let result: CheckResult;
  try {
    result = await checkRoster(db, {
      unionCode: await unionCodeFor(db, upload.unionId),
      input: fs.createReadStream(upload.path, { highWaterMark: 256 * 1024 }),
      replace: upload.replace,
      clock,
      onProgress: progressFor("check", upload.bytes, onProgress),
    });
  } catch (error) {
    await db.update(rosterUploads).set({ status: "failed", updatedAt: clock.now() }).where(eq(rosterUploads.id, id));
    throw error;
  }
  const [row] = await db
    .update(rosterUploads)
    .set(
      result.ok
        ? { status: "checked", encoding: result.encoding, rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, deactivated: result.deactivated, errorCount: 0, errors: [], updatedAt: clock.now() }
        : { status: "invalid", errorCount: result.errorCount, errors: result.errors, updatedAt: clock.now() },
    )
    .where(eq(rosterUploads.id, id))
    .returning();
  if (!result.ok) await fs.promises.rm(upload.path, { force: true });
  return row;
}

/** 取り込む: imports the checked file all or nothing; a second call does nothing. */
export async function applyUpload(
  db: Db,
  clock: Clock,
  scope: AdminScope,
  id: string,
  context: { ip?: string | null },
  onProgress?: (p: Progress) => void,
): Promise<Upload | null> {
  const upload = await claim(db, clock, scope, id, "checked", "importing");
  if (!upload) return getUpload(db, scope, id);
  let result: ImportResult;
  try {
    result = await run(db, clock, scope, upload, onProgress);
  } catch (error) {
    await db.update(rosterUploads).set({ status: "failed", updatedAt: clock.now() }).where(eq(rosterUploads.id, id));
    throw error;
  }
  const [row] = await db
    .update(rosterUploads)
    .set(
      result.ok
        ? { status: "imported", importId: result.importId, encoding: result.encoding, rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, deactivated: result.deactivated, updatedAt: clock.now() }
        : { status: "invalid", errorCount: result.errorCount, errors: result.errors, updatedAt: clock.now() },
    )
    .where(eq(rosterUploads.id, id))
    .returning();
  await fs.promises.rm(upload.path, { force: true });
  await audit(db, clock, {
    event: result.ok ? "roster.imported" : "roster.import_rejected",
    actorType: "admin",
    actorId: scope.admin.id,
    unionId: upload.unionId,
    target: result.ok ? `roster_import:${result.importId}` : `roster_upload:${id}`,
    ip: context.ip ?? null,
    details: result.ok
      ? { fileName: upload.fileName, encoding: result.encoding, rows: result.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, deactivated: result.deactivated, replace: upload.replace }
      : { fileName: upload.fileName, errorCount: result.errorCount },
  });
  return row;
}

/** Files of uploads nobody imported within a day are removed; the rows stay for the record. */
async function removeStale(db: Db, clock: Clock): Promise<void> {
  const before = new Date(clock.now().getTime() - STALE_MS);
  const stale = await db
    .update(rosterUploads)
    .set({ status: "expired", updatedAt: clock.now() })
    .where(and(inArray(rosterUploads.status, ["uploaded", "checked"]), lt(rosterUploads.updatedAt, before)))
    .returning({ path: rosterUploads.path });
  await Promise.all(stale.map((s) => fs.promises.rm(s.path, { force: true })));
}

export interface ImportHistoryRow {
  id: number;
  createdAt: Date;
  fileName: string;
  encoding: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  replace: boolean;
  adminLoginId: string | null;
}

/** The union's imports, newest first (CLI imports have no admin). */
export async function importHistory(db: Db, scope: AdminScope, unionId: number, limit = 50): Promise<ImportHistoryRow[]> {
  return db
    .select({
      id: rosterImports.id,
      createdAt: rosterImports.createdAt,
      fileName: rosterImports.fileName,
      encoding: rosterImports.encoding,
      rows: rosterImports.rows,
      inserted: rosterImports.inserted,
      updated: rosterImports.updated,
      unchanged: rosterImports.unchanged,
      deactivated: rosterImports.deactivated,
      replace: rosterImports.replace,
      adminLoginId: admins.loginId,
    })
    .from(rosterImports)
    .leftJoin(admins, eq(admins.id, rosterImports.adminId))
    .where(and(eq(rosterImports.unionId, unionId), inUnions(rosterImports.unionId, scope.unionIds)))
    .orderBy(desc(rosterImports.createdAt), desc(rosterImports.id))
    .limit(limit);
}
