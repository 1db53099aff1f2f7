// Opens the one database the app uses: postgres.js when DATABASE_URL is set, otherwise an
// embedded PGlite directory. Scripts and tests call this directly; the app goes through db/index.ts.
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; domain functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

export interface OpenOptions {
  url?: string;
  pgliteDir?: string;
  /** postgres.js pool size. */
  max?: number;
}

export async function openDb(options: OpenOptions): Promise<DbHandle> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // timestamptz columns come back as Date; keep the session in UTC so comparisons are plain.
      connection: { TimeZone: "UTC" },
      // postgres.js waits before reconnecting a closed connection, (0.5–1) × min(3^n / 100, 20) s
      // by default, where n counts every failed connect of the whole pool since the last success.
      // Requests arriving while the database is down push n up within seconds, so after a restart
      // each connection first sat out up to 20 s (measured: logins answered 9–13 s after the
      // database was back, requests queued behind the timer). Capped at 1 s, the app answers
      // again about a second after the database does, and a request made during an outage fails
      // within a second instead of waiting. (tests/e2e/ops/database-restart.spec.ts)
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = options.pgliteDir;
  if (dir && dir !== "memory://") fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir ?? "memory://");
  await client.waitReady;
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
  };
}

export async function migrateDb(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, config);
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, config);
  }
}

/** Rows of a raw `db.execute(sql...)`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
