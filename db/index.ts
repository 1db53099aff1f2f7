import "server-only";
import { env } from "@/lib/env";
import { migrateDb, openDb, type Db, type DbHandle } from "./connect";

// One client per process, kept on globalThis so dev-mode hot reloads do not open a second PGlite
// (PGlite allows one process per directory, and one client within it).
const g = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const e = env();
  if (e.DATABASE_URL) return openDb({ url: e.DATABASE_URL });
  const handle = await openDb({ pgliteDir: e.PGLITE_DIR });
  // The embedded database is created and migrated on first start; it is cheap when up to date.
  await migrateDb(handle);
  return handle;
}

export async function getDb(): Promise<Db> {
  g.__dbHandle ??= open().catch((error) => {
    g.__dbHandle = undefined;
    throw error;
  });
  return (await g.__dbHandle).db;
}

export type { Db, DbOrTx, Tx } from "./connect";
