// Moves validated rows into the database in chunks while the parser keeps reading. Parsing is
// JavaScript work and COPY/merging is database work, so overlapping them (one chunk in flight, the
// next one filling) makes an import take about as long as the slower of the two, not their sum.
// Memory stays at two chunks of COPY text whatever the file size. What a chunk is copied into,
// and what happens after, is the WritePlan's business (plans.ts).
import { finished } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { Tx } from "@/db/connect";
import type { WritePlan } from "./plans";
import type { MergeCounts } from "./staging";
import type { RosterRow } from "./types";

/** Loads COPY text into a table on the transaction's own connection. */
export type CopyIn = (target: string, parts: Buffer[]) => Promise<void>;

export function copyInFor(tx: Tx): { kind: "postgres" | "pglite"; copyIn: CopyIn } {
  // Drizzle keeps the driver's transaction handle on the session: postgres.js gives a reserved
  // `sql` function, PGlite a Transaction object.
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (typeof client === "function") {
    const sql = client as postgres.TransactionSql;
    return {
      kind: "postgres",
      copyIn: async (target, parts) => {
        const writable = await sql.unsafe(`COPY ${target} FROM STDIN`).writable();
        // One write for the whole chunk: libuv then drains it into the socket on every turn of
        // the event loop, while the parser keeps the thread busy. Streamed part by part, each
        // part would wait for a JavaScript callback, and the server would sit idle between them.
        writable.end(Buffer.concat(parts));
        await finished(writable);
      },
    };
  }
  // PGlite has no STDIN stream; its /dev/blob device reads COPY data from a Blob given with the query.
  const pg = client as Transaction | PGlite;
  return {
    kind: "pglite",
    copyIn: async (target, parts) => {
      await pg.query(`COPY ${target} FROM '/dev/blob'`, [], { blob: new Blob(parts as Uint8Array<ArrayBuffer>[]) });
    },
  };
}

const PART_CHARS = 32 * 1024;

export class ChunkLoader {
  private parts: Buffer[] = [];
  private current = "";
  private rowsInChunk = 0;
  private inflight?: Promise<void>;
  private readonly counts: MergeCounts = { inserted: 0, updated: 0 };

  constructor(
    private readonly copyIn: CopyIn,
    private readonly plan: WritePlan,
    private readonly chunkRows: number,
  ) {}

  async add(rows: RosterRow[]): Promise<void> {
    for (const row of rows) {
      this.current += this.plan.line(row);
      if (this.current.length >= PART_CHARS) {
        // Encoded at once, so the text dies young instead of piling up in V8's old generation
        // until the chunk is sent; Buffers live outside the JS heap.
        this.parts.push(Buffer.from(this.current));
        this.current = "";
      }
      if (++this.rowsInChunk >= this.chunkRows) await this.flush();
    }
  }

  /** Sends what is left and waits for every merge; returns the totals. */
  async finish(): Promise<MergeCounts> {
    await this.flush();
    await this.settle();
    return this.counts;
  }

  /** Waits for work in flight, whatever its outcome, so the transaction can roll back cleanly. */
  async abort(): Promise<void> {
    await this.inflight?.catch(() => {});
    this.inflight = undefined;
  }

  private async flush(): Promise<void> {
    if (this.current) this.parts.push(Buffer.from(this.current));
    const parts = this.parts;
    const rows = this.rowsInChunk;
    this.parts = [];
    this.current = "";
    this.rowsInChunk = 0;
    // At most one chunk in flight: waiting here is the backpressure on the parser.
    await this.settle();
    if (parts.length === 0) return;
    const work = this.send(parts, rows);
    work.catch(() => {}); // observed by settle(); this only avoids an unhandled-rejection warning
    this.inflight = work;
  }

  private async settle(): Promise<void> {
    const work = this.inflight;
    this.inflight = undefined;
    if (work) await work;
  }

  private async send(parts: Buffer[], rows: number): Promise<void> {
    await this.copyIn(this.plan.copyTarget, parts);
    const c = await this.plan.afterChunk(rows);
    this.counts.inserted += c.inserted;
    this.counts.updated += c.updated;
  }
}
