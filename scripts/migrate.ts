// npm run db:migrate — applies db/migrations to DATABASE_URL, or to the embedded PGlite directory.
import { migrateDb, openDb } from "../db/connect";
import { envOrExit } from "../lib/env";

const e = envOrExit();
const handle = await openDb(e.DATABASE_URL ? { url: e.DATABASE_URL, max: 1 } : { pgliteDir: e.PGLITE_DIR });
try {
  await migrateDb(handle);
  console.log(`Migrated ${handle.kind === "postgres" ? "PostgreSQL" : `PGlite (${e.PGLITE_DIR})`}.`);
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
