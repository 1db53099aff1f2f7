// npm run demo — loads the demo data (union jkc, its roster and terms, an operator admin) into the
// configured database if it is empty, and prints the admin's random password and TOTP URI once.
// Under NODE_ENV=production it refuses unless APP_DEMO_FORCE=1 (see db/seed/demo.ts).
import { migrateDb, openDb } from "../db/connect";
import { demoInstructions, demoRefusal, seedDemo } from "../db/seed/demo";
import { envOrExit } from "../lib/env";

const e = envOrExit();
const refusal = demoRefusal();
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
const handle = await openDb(e.DATABASE_URL ? { url: e.DATABASE_URL, max: 1 } : { pgliteDir: e.PGLITE_DIR });
try {
  await migrateDb(handle);
  const demo = await seedDemo(handle.db, e.AUTH_SECRET);
  if (demo.admin) {
    console.log(`Demo operator admin (shown once, not stored): ${demo.admin.loginId} / ${demo.admin.password}\n  TOTP: ${demo.admin.totpUri}`);
    console.log(demoInstructions(`http://localhost:${e.PORT ?? 3000}`));
  } else {
    console.log("The database already has data; the demo was not loaded.");
  }
} catch (error) {
  console.error(`Could not load the demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
