// Runs before `next dev` / `next start`: migrate, and load the demo data when asked
// (APP_DEMO=1, or --demo on an empty database). PGlite allows one process per directory, so this
// finishes and closes the database before the server opens it.
import { migrateDb, openDb } from "../db/connect";
import { demoInstructions, DEMO_ADMIN, seedDemo } from "../db/seed/demo";
import { envOrExit } from "../lib/env";

const e = envOrExit();
const wantDemo = e.APP_DEMO === "1" || process.argv.includes("--demo");
const handle = await openDb(e.DATABASE_URL ? { url: e.DATABASE_URL, max: 1 } : { pgliteDir: e.PGLITE_DIR });
try {
  await migrateDb(handle);
  if (wantDemo) {
    const demo = await seedDemo(handle.db, e.AUTH_SECRET);
    if (demo.totpUri) {
      console.log(`Demo operator admin: ${DEMO_ADMIN.loginId} / ${DEMO_ADMIN.password}\n  TOTP: ${demo.totpUri}`);
    }
    console.log(demoInstructions(`http://localhost:${e.PORT ?? 3000}`));
  }
} catch (error) {
  console.error(`Could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
