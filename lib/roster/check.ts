// 確認 of /admin/roster: what importing a file would do, without writing anything. The file goes
// through the import's own parser (readRoster: the same decoding, validation and duplicate check,
// so the same bad lines), and its valid rows are compared, batch by batch, with the union's
// current roster by the rules of the import's merge (staging.ts mergeChunk: a row is unchanged
// when every merged column is identical and it is active; deactivateAbsent: with `replace`, the
// active rows the file does not list). Everything is read in one snapshot.
import { eq, sql } from "drizzle-orm";
import { rowsOf, type Db, type Tx } from "@/db/connect";
import { unions } from "@/db/schema";
import type { Clock } from "../clock";
import { todayInJapan } from "../normalize";
import { unionCodeOf } from "./fields";
import type { ImportOptions, ImportResult } from "./import";
import { readRoster } from "./parse";
import { unionHasRows } from "./plans";
import type { ParseSummary, RosterRow } from "./types";

export interface CheckOptions {
  unionCode: string;
  input: AsyncIterable<Uint8Array>;
  replace?: boolean;
  clock: Clock;
  onProgress?: ImportOptions["onProgress"];
}

/** The import's result without an import record: counts on success, every error otherwise. */
export type CheckResult = Exclude<ImportResult, { ok: true }> | Omit<Extract<ImportResult, { ok: true }>, "importId">;

/** Keys looked up per query: one index probe each. */
const BATCH_ROWS = 5_000;

interface Existing {
  symbol: string;
  number: string;
  branch: string;
  name: string;
  kana_name: string;
  kana_key: string;
  birth_date: string;
  relationship: string;
  sex: string | null;
  is_insured: boolean;
  active: boolean;
}

const keyOf = (r: { symbol: string; number: string; branch: string }) => `${r.symbol}\t${r.number}\t${r.branch}`;

/** mergeChunk's IS DISTINCT FROM, in JavaScript: would the upsert leave this row alone? */
function unchanged(row: RosterRow, e: Existing): boolean {
  return (
    e.active &&
    e.name === row.name &&
    e.kana_name === row.kanaName &&
    e.kana_key === row.kanaKey &&
    e.birth_date === row.birthDate &&
    e.relationship === row.relationship &&
    e.sex === row.sex &&
    e.is_insured === (row.branch === "00")
  );
}

class Comparer {
  inserted = 0;
  updated = 0;
  /** Rows of the file that exist and are active now (with `replace`, the others are deactivated). */
  activeListed = 0;
  private inflight?: Promise<void>;

  constructor(
    private readonly tx: Tx,
    private readonly unionId: number,
  ) {}

  /** Starts the comparison of a batch; at most one is in flight while the parser goes on. */
  async add(rows: RosterRow[]): Promise<void> {
    await this.inflight;
    this.inflight = this.compare(rows);
    this.inflight.catch(() => {}); // observed by the next add() or finish()
  }

  async finish(): Promise<void> {
    await this.inflight;
  }

  private async compare(rows: RosterRow[]): Promise<void> {
    // One JSON parameter: the same statement on postgres.js and PGlite.
    const keys = JSON.stringify(rows.map((r) => ({ s: r.symbol, n: r.number, b: r.branch })));
    const existing = rowsOf<Existing>(
      await this.tx.execute(sql`
        SELECT r.symbol, r.number, r.branch, r.name, r.kana_name, r.kana_key, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date,
               r.relationship, r.sex, r.is_insured, r.active
        FROM json_to_recordset(${keys}::json) AS k(s text, n text, b text)
        JOIN roster_entries r ON r.union_id = ${this.unionId}::int AND r.symbol = k.s AND r.number = k.n AND r.branch = k.b`),
    );
    const byKey = new Map(existing.map((e) => [keyOf(e), e]));
    for (const row of rows) {
      const e = byKey.get(keyOf(row));
      if (!e) this.inserted++;
      else {
        if (e.active) this.activeListed++;
        if (!unchanged(row, e)) this.updated++;
      }
    }
  }
}

async function* counted(input: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of input) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

async function activeRows(tx: Tx, unionId: number): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM roster_entries WHERE union_id = ${unionId}::int AND active`));
  return Number(row.n);
}

export async function checkRoster(db: Db, options: CheckOptions): Promise<CheckResult> {
  const code = unionCodeOf(options.unionCode);
  const [union] = await db.select({ id: unions.id }).from(unions).where(eq(unions.code, code));
  if (!union) {
    await options.input[Symbol.asyncIterator]().return?.();
    return { ok: false, reason: "unknown_union", errors: [`保険者指定コード「${code}」の健康保険組合が登録されていません`], errorCount: 1 };
  }
  return db.transaction(
    async (tx) => {
      // Like the import: a union without rows takes every row as new, and compares nothing.
      const fresh = !(await unionHasRows(tx, union.id));
      const comparer = fresh ? undefined : new Comparer(tx, union.id);
      let bytes = 0;
      let rows = 0;
      let pending: RosterRow[] = [];
      const batches = readRoster(counted(options.input, (n) => (bytes += n)), { today: todayInJapan(options.clock.now()) });
      let summary: ParseSummary;
      try {
        for (;;) {
          const next = await batches.next();
          if (next.done) {
            summary = next.value;
            break;
          }
          rows += next.value.length;
          options.onProgress?.({ bytes, rows });
          if (!comparer) continue;
          pending = pending.concat(next.value);
          if (pending.length >= BATCH_ROWS) {
            await comparer.add(pending);
            pending = [];
          }
        }
        if (comparer && summary.errorCount === 0 && pending.length) await comparer.add(pending);
      } finally {
        await comparer?.finish().catch(() => {});
      }
      if (summary.errorCount > 0) return { ok: false as const, reason: "invalid_file" as const, errors: summary.errors, errorCount: summary.errorCount };
      await comparer?.finish();
      const inserted = comparer ? comparer.inserted : summary.rows;
      const updated = comparer?.updated ?? 0;
      const deactivated = comparer && options.replace ? (await activeRows(tx, union.id)) - comparer.activeListed : 0;
      return { ok: true as const, rows: summary.rows, inserted, updated, unchanged: summary.rows - inserted - updated, deactivated, encoding: summary.encoding! };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
