// How validated rows reach roster_entries. A union's first roster (no rows yet) cannot conflict
// with anything — the parser has already refused duplicates — so it is COPYed straight into the
// table: the least work PostgreSQL can do for these rows. Later imports go through the chunk table
// and an upsert, so unchanged rows are left alone and changed ones updated in place.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/connect";
import { rosterEntries } from "@/db/schema";
import { CHUNK_COLUMNS, copyLine, createStaging, escape, iso, mergeChunk, type MergeCounts, type MergeTarget } from "./staging";
import type { RosterRow } from "./types";

export interface WritePlan {
  /** `table (columns)` for COPY. */
  copyTarget: string;
  /** One row in COPY text format for that target. */
  line(row: RosterRow): string;
  /** Runs after each chunk has been copied; `rows` is the chunk's size. */
  afterChunk(rows: number): Promise<MergeCounts>;
}

export async function unionHasRows(tx: Tx, unionId: number): Promise<boolean> {
  const found = await tx.select({ id: rosterEntries.id }).from(rosterEntries).where(eq(rosterEntries.unionId, unionId)).limit(1);
  return found.length > 0;
}

export function freshPlan(t: MergeTarget): WritePlan {
  const tail = `\tt\t${t.importId}\t${iso(t.now)}\t${iso(t.now)}\n`;
  return {
    copyTarget:
      "roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, sex, is_insured, active, import_id, created_at, updated_at)",
    line: (r) =>
      `${t.unionId}\t${r.symbol}\t${r.number}\t${r.branch}\t${escape(r.name)}\t${r.kanaName}\t${r.kanaKey}\t${r.birthDate}\t${escape(r.relationship)}\t${r.sex ?? "\\N"}\t${r.isInsured ? "t" : "f"}${tail}`,
    afterChunk: async (rows) => ({ inserted: rows, updated: 0 }),
  };
}

export async function mergePlan(tx: Tx, t: MergeTarget): Promise<WritePlan> {
  await createStaging(tx, t.replace);
  return { copyTarget: `roster_chunk (${CHUNK_COLUMNS})`, line: copyLine, afterChunk: () => mergeChunk(tx, t) };
}
