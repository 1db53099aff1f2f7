// Importing a union's roster: all or nothing. The file is read once, as a stream, inside one
// transaction; valid rows are merged chunk by chunk while the rest is still being checked, and the
// first invalid row anywhere — even the last of a million — rolls everything back.
import { setImmediate } from "node:timers/promises";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { rosterImports, unions } from "@/db/schema";
import type { Clock } from "../clock";
import { ChunkLoader, copyInFor } from "./chunk-loader";
import { todayInJapan } from "../normalize";
import { unionCodeOf } from "./fields";
import { readRoster } from "./parse";
import { freshPlan, mergePlan, unionHasRows } from "./plans";
import { deactivateAbsent, type MergeTarget } from "./staging";
import type { ParseSummary, RosterEncoding } from "./types";

export interface ImportOptions {
  /** 保険者指定コード; full width and upper case are accepted. */
  unionCode: string;
  /** The file's bytes (a Readable, a web stream, an array of Buffers …). */
  input: AsyncIterable<Uint8Array>;
  fileName: string;
  /** Deactivate the union's rows that the file does not list. */
  replace?: boolean;
  clock: Clock;
  /** Called as the file is read, for a progress bar. */
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** The admin who imports it from /admin/roster (recorded in the history). */
  adminId?: number | null;
  /**
   * Check only: do the whole import, report its counts, then roll it back. The preview is the
   * real import's arithmetic, not a second implementation of it.
   */
  dryRun?: boolean;
}

export type ImportResult =
  | {
      ok: true;
      importId: number;
      rows: number;
      inserted: number;
      /** Rows that existed and changed (or were reactivated). */
      updated: number;
      /** Rows that existed and were already identical. */
      unchanged: number;
      deactivated: number;
      encoding: RosterEncoding;
    }
  | { ok: false; reason: "unknown_union" | "invalid_file"; errors: string[]; errorCount: number };

/** Rows per merge on PostgreSQL: large enough to amortise a statement, small enough to overlap. */
const PG_CHUNK_ROWS = 25_000;
/** PGlite runs in this thread, so nothing overlaps; smaller blobs keep memory down. */
const PGLITE_CHUNK_ROWS = 10_000;

class DryRun extends Error {
  constructor(readonly result: Extract<ImportResult, { ok: true }>) {
    super("roster import dry run");
  }
}

class Rejected extends Error {
  constructor(readonly result: Extract<ImportResult, { ok: false }>) {
    super("roster import rejected");
  }
}

async function* counted(input: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

/** Streams the file through the parser into the loader; returns what the parser found. */
async function feed(loader: ChunkLoader, input: AsyncIterable<Uint8Array>, today: string, onProgress: ImportOptions["onProgress"]): Promise<ParseSummary> {
  let bytes = 0;
  let rows = 0;
  const batches = readRoster(counted(input, (n) => (bytes += n)), { today });
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) return next.value;
      rows += next.value.length;
      onProgress?.({ bytes, rows });
      await loader.add(next.value);
      // Input that is already buffered arrives through promise callbacks alone; yield one event
      // loop turn per batch so that libuv keeps feeding the COPY in flight to the server.
      await setImmediate();
    }
  } catch (error) {
    await loader.abort(); // never end the transaction under a COPY that is still running
    throw error;
  }
}

export async function importRoster(db: Db, options: ImportOptions): Promise<ImportResult> {
  const code = unionCodeOf(options.unionCode);
  const replace = options.replace ?? false;
  try {
    return await db.transaction(async (tx) => {
      // NO KEY UPDATE: two imports for one union run one after the other, while sign-ups (whose
      // foreign keys take KEY SHARE locks on this row) are not held up.
      const [union] = await tx.select({ id: unions.id }).from(unions).where(eq(unions.code, code)).for("no key update");
      if (!union) {
        await options.input[Symbol.asyncIterator]().return?.(); // we will not read it
        throw new Rejected({
          ok: false,
          reason: "unknown_union",
          errors: [`保険者指定コード「${code}」の健康保険組合が登録されていません`],
          errorCount: 1,
        });
      }
      const now = options.clock.now();
      const [record] = await tx
        .insert(rosterImports)
        .values({ unionId: union.id, fileName: options.fileName, encoding: "", rows: 0, replace, adminId: options.adminId ?? null, createdAt: now })
        .returning({ id: rosterImports.id });
      const target: MergeTarget = { unionId: union.id, importId: record.id, now, replace };
      // Under the union lock no other import can add rows between this check and our COPY.
      const fresh = !(await unionHasRows(tx, union.id));
      const plan = fresh ? freshPlan(target) : await mergePlan(tx, target);
      const { kind, copyIn } = copyInFor(tx);
      const loader = new ChunkLoader(copyIn, plan, kind === "postgres" ? PG_CHUNK_ROWS : PGLITE_CHUNK_ROWS);

      const summary = await feed(loader, options.input, todayInJapan(now), options.onProgress);
      if (summary.errorCount > 0) {
        await loader.abort();
        throw new Rejected({ ok: false, reason: "invalid_file", errors: summary.errors, errorCount: summary.errorCount });
      }
      const counts = await loader.finish();
      // A first roster has nothing to deactivate.
      const deactivated = replace && !fresh ? await deactivateAbsent(tx, target) : 0;
      const encoding = summary.encoding!;
      const unchanged = summary.rows - counts.inserted - counts.updated;
      const result = {
        ok: true as const,
        importId: record.id,
        rows: summary.rows,
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged,
        deactivated,
        encoding,
      };
      if (options.dryRun) throw new DryRun(result);
      await tx
        .update(rosterImports)
        .set({ encoding, rows: summary.rows, deactivated, inserted: counts.inserted, updated: counts.updated, unchanged })
        .where(eq(rosterImports.id, record.id));
      return result;
    });
  } catch (error) {
    if (error instanceof Rejected) return error.result;
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}
