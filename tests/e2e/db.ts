// The e2e database, for tests that must look at or move server state (e.g. expire a code).
import path from "node:path";
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

/**
 * The environment of a production server in the suite: one trusted proxy (the tests write
 * X-Forwarded-For as a proxy would, so each test is its own client), the built-in mailbox on
 * purpose, a cron secret, and leave to load the demo.
 */
export function e2eServerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: e2eDatabaseUrl(),
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    AUTH_TRUST_HOST: "true",
    RESEND_API_KEY: "",
    APP_MAILBOX: "1",
    CRON_SECRET: E2E_CRON_SECRET,
    TRUSTED_PROXIES: "1",
    // The demo data on a production build is deliberate here (db/seed/demo.ts refuses it otherwise).
    APP_DEMO_FORCE: "1",
    // Uploaded files of this run, away from a developer's own .data/uploads.
    UPLOAD_DIR: process.env.UPLOAD_DIR ?? path.join(process.cwd(), ".data", `e2e-uploads-${process.env.E2E_DB_NAME}`),
  };
}

export const E2E_CRON_SECRET = "e2e-cron-secret-0123456789";

/** Where the suite's server writes its log lines (one file per run). */
export function serverLogFile(): string {
  return path.join(process.cwd(), ".data", `e2e-server-${process.env.E2E_DB_NAME}.log`);
}
