// `describeEachDatabase` runs a block of tests against PGlite and against PostgreSQL, each with a
// fresh, migrated database of its own.
import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { migrateDb, openDb, type Db, type DbHandle } from "@/db/connect";
import { ADMIN_URL, withDatabase } from "./global-setup";

export type DatabaseKind = "pglite" | "postgres";

export interface TestDatabase {
  kind: DatabaseKind;
  /** The open database; valid inside tests (after beforeAll). */
  readonly db: Db;
  /** Postgres only: the URL of this block's database (for tests that need a second client). */
  readonly url?: string;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<{ handle: DbHandle; url?: string; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const handle = await openDb({ pgliteDir: "memory://" });
    await migrateDb(handle);
    return { handle, drop: () => handle.close() };
  }
  const name = `fuyo_t_${crypto.randomBytes(5).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
  const url = withDatabase(ADMIN_URL, name);
  const handle = await openDb({ url, max: 20 });
  return {
    handle,
    url,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function describeEachDatabase(title: string, body: (t: TestDatabase) => void): void {
  for (const kind of ["pglite", "postgres"] as const) {
    describe(`${title} [${kind}]`, () => {
      let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
      const t: TestDatabase = {
        kind,
        get db() {
          if (!opened) throw new Error("database not open yet");
          return opened.handle.db;
        },
        get url() {
          return opened?.url;
        },
      };
      beforeAll(async () => {
        opened = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await opened?.drop();
      });
      body(t);
    });
  }
}
