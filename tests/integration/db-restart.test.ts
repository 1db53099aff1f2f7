// The app's postgres.js pool (db/connect.ts) across a database restart, on a PostgreSQL server of
// the test's own (the shared one is never stopped). PostgreSQL only: PGlite is embedded, there is
// no server to restart. What failed before: after an outage the pool sat out its reconnect
// back-off (up to 20 s), and a write deferred to a socket that had closed meanwhile threw from
// setImmediate and left a connection wedged until connect_timeout (30 s); see
// patches/postgres+3.4.9.patch.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/connect";
import { createPrivatePostgres, type PrivatePostgres } from "../support/private-postgres";

const WORKERS = 16;
const ROUNDS = 2;
/** Any query slower than this counts as hung: it waited on a back-off timer or a wedged socket. */
const HUNG_MS = 5_000;

let pg: PrivatePostgres;
let handle: DbHandle;
beforeAll(async () => {
  pg = await createPrivatePostgres();
  await pg.start();
  handle = await openDb({ url: pg.url });
  await handle.db.execute(sql`create table t (id serial primary key, v text not null)`);
});
afterAll(async () => {
  await handle?.close().catch(() => {});
  await pg?.destroy();
});

describe("openDb (postgres.js) across a PostgreSQL restart", () => {
  it(`answers again within 2 s of each start, and no query hangs (${WORKERS} workers, ${ROUNDS} restarts)`, async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    const slow: number[] = [];
    let ok = 0;
    let failed = 0;
    let stopping = false;
    // The fault's phases are real time: the database is down for a while, not for a clock tick.
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const worker = async () => {
      while (!stopping) {
        const started = Date.now();
        try {
          // Small writes in a transaction, as the app's requests make them (each under 1 KB,
          // the size postgres.js defers to the next tick).
          await handle.db.transaction(async (tx) => {
            await tx.execute(sql`insert into t (v) values (${"x"})`);
            await tx.execute(sql`select count(*) from t where v = ${"y"}`);
          });
          ok++;
        } catch {
          failed++;
          await pause(20);
        }
        if (Date.now() - started > HUNG_MS) slow.push(Date.now() - started);
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    const recoveries: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        await pause(1_000);
        await pg.stop();
        await pause(1_500);
        await pg.start();
        const up = Date.now();
        const before = ok;
        while (ok === before && Date.now() - up < 15_000) await pause(10);
        recoveries.push(Date.now() - up);
      }
      await pause(1_000);
    } finally {
      stopping = true;
      await Promise.race([Promise.all(workers), pause(35_000)]);
      process.off("uncaughtException", onUncaught);
    }
    expect(uncaught, "exceptions thrown outside any query").toEqual([]);
    expect(slow, `ms taken by queries slower than ${HUNG_MS} ms`).toEqual([]);
    expect(failed, "queries the restarts cut off").toBeGreaterThan(0);
    expect(recoveries.every((ms) => ms < 2_000), `ms from each start to the first committed transaction: ${recoveries.join(", ")}`).toBe(true);
  }, 90_000);
});
