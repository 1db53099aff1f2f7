// The e2e database, for tests that must look at or move server state (e.g. expire a code).
import postgres from "postgres";

export const E2E_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function e2eDatabaseUrl(): string {
  const name = process.env.E2E_DB_NAME;
  if (!name) throw new Error("E2E_DB_NAME is not set (run through playwright.config.ts)");
  const url = new URL(E2E_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

let client: postgres.Sql | undefined;
export function e2eSql(): postgres.Sql {
  client ??= postgres(e2eDatabaseUrl(), { max: 2, onnotice: () => {} });
  return client;
}
