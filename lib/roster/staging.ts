// The SQL side of an import into a union that already has a roster, shared by PostgreSQL and
// PGlite. Validated rows arrive in a temporary chunk table (COPY), are merged into roster_entries
// with one upsert per chunk, and — with `replace` — their keys are remembered so that rows absent
// from the file can be deactivated. Temporary tables are not WAL-logged and vanish with the
// transaction, whatever its outcome.
import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/connect";
import type { RosterRow } from "./types";

export const CHUNK_COLUMNS = "symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, sex";

export async function createStaging(tx: Tx, replace: boolean): Promise<void> {
  // Each chunk is sorted before the upsert; the default 4 MB would spill that sort to disk.
  await tx.execute(sql.raw("SET LOCAL work_mem = '64MB'"));
  await tx.execute(
    sql.raw(`CREATE TEMP TABLE roster_chunk (
      symbol text, number text, branch text, name text, kana_name text, kana_key text,
      birth_date date, relationship text, sex text) ON COMMIT DROP`),
  );
  if (replace) {
    await tx.execute(sql.raw("CREATE TEMP TABLE roster_seen (symbol text, number text, branch text) ON COMMIT DROP"));
  }
}

// Both drivers take an ISO string for timestamptz; Date serialisation differs between them.
export const iso = (d: Date) => d.toISOString();

export const escape = (s: string) => (s.includes("\\") ? s.replaceAll("\\", "\\\\") : s);

/**
 * One row in COPY's text format. Validation has already refused tabs, line breaks and other
 * control characters in every value, so a backslash is the only character left to escape.
 */
export function copyLine(r: RosterRow): string {
  return `${r.symbol}\t${r.number}\t${r.branch}\t${escape(r.name)}\t${r.kanaName}\t${r.kanaKey}\t${r.birthDate}\t${escape(r.relationship)}\t${r.sex ?? "\\N"}\n`;
}

export interface MergeCounts {
  inserted: number;
  updated: number;
}

export interface MergeTarget {
  unionId: number;
  importId: number;
  now: Date;
  replace: boolean;
}

/**
 * Upserts the chunk, then empties it. Rows that did not change are left alone (no new row
 * version, no index churn): re-importing last month's file is cheap, and `updated` counts real
 * changes. `xmax = 0` tells a freshly inserted row from an updated one.
 */
export async function mergeChunk(tx: Tx, t: MergeTarget): Promise<MergeCounts> {
  const [counts] = rowsOf<{ inserted: number; updated: number }>(
    await tx.execute(sql`
      WITH up AS (
        INSERT INTO roster_entries AS r (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date,
          relationship, sex, is_insured, active, import_id, created_at, updated_at)
        SELECT ${t.unionId}::int, symbol, number, branch, name, kana_name, kana_key, birth_date,
          relationship, sex, branch = '00', true, ${t.importId}::int, ${iso(t.now)}::timestamptz, ${iso(t.now)}::timestamptz
        FROM roster_chunk
        -- Key order keeps the unique index's inserts local when the file is not sorted.
        ORDER BY symbol, number, branch
        ON CONFLICT (union_id, symbol, number, branch) DO UPDATE SET
          name = excluded.name, kana_name = excluded.kana_name, kana_key = excluded.kana_key,
          birth_date = excluded.birth_date, relationship = excluded.relationship, sex = excluded.sex,
          is_insured = excluded.is_insured, active = true, import_id = excluded.import_id,
          updated_at = excluded.updated_at
        WHERE (r.name, r.kana_name, r.kana_key, r.birth_date, r.relationship, r.sex, r.is_insured, r.active)
          IS DISTINCT FROM (excluded.name, excluded.kana_name, excluded.kana_key, excluded.birth_date,
            excluded.relationship, excluded.sex, excluded.is_insured, true)
        RETURNING (xmax = 0) AS inserted
      )
      SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated
      FROM up`),
  );
  if (t.replace) await tx.execute(sql.raw("INSERT INTO roster_seen SELECT symbol, number, branch FROM roster_chunk"));
  await tx.execute(sql.raw("TRUNCATE roster_chunk"));
  return { inserted: Number(counts.inserted), updated: Number(counts.updated) };
}

/** With `replace`: the union's active rows that the file did not list become inactive (never deleted). */
export async function deactivateAbsent(tx: Tx, t: MergeTarget): Promise<number> {
  // Fresh statistics make the planner pick a hash anti-join instead of a nested loop.
  await tx.execute(sql.raw("ANALYZE roster_seen"));
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      WITH gone AS (
        UPDATE roster_entries AS r SET active = false, updated_at = ${iso(t.now)}::timestamptz
        WHERE r.union_id = ${t.unionId}::int AND r.active
          AND NOT EXISTS (SELECT 1 FROM roster_seen s WHERE s.symbol = r.symbol AND s.number = r.number AND s.branch = r.branch)
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM gone`),
  );
  return Number(row.n);
}
