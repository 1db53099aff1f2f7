// Starts the production build for the e2e suite: a fresh database, migrations and demo data first,
// then `next start` in the foreground (Playwright stops it when the run ends).
import { spawn } from "node:child_process";
import postgres from "postgres";
import { E2E_ADMIN_URL, e2eDatabaseUrl } from "./db";

const name = process.env.E2E_DB_NAME!;
const admin = postgres(E2E_ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.unsafe(`CREATE DATABASE ${name}`);
await admin.end();

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: e2eDatabaseUrl(),
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  AUTH_TRUST_HOST: "true",
  APP_DEMO: "1",
  // A production build on demo data is deliberate here (db/seed/demo.ts refuses it otherwise).
  APP_DEMO_FORCE: "1",
  PORT: process.env.E2E_PORT,
  RESEND_API_KEY: "",
};

const prepare = spawn("npx", ["tsx", "scripts/prestart.ts"], { env, stdio: "inherit" });
const code = await new Promise<number | null>((resolve) => prepare.on("exit", resolve));
if (code !== 0) process.exit(code ?? 1);

const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(process.env.E2E_PORT)], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (c) => process.exit(c ?? 0));
