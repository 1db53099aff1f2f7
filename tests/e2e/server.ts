// Starts the production build for the e2e suite: a fresh database, migrations and demo data first,
// then `npm start`'s server in the foreground (Playwright stops it when the run ends). Its log
// lines are also kept in a file, which the teardown searches for secrets.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { E2E_ADMIN_URL, e2eServerEnv, serverLogFile } from "./db";

const name = process.env.E2E_DB_NAME!;
const admin = postgres(E2E_ADMIN_URL, { max: 1, onnotice: () => {} });
await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.unsafe(`CREATE DATABASE ${name}`);
await admin.end();

const env = { ...e2eServerEnv(), APP_DEMO: "1", PORT: process.env.E2E_PORT };

const prepare = spawn("npx", ["tsx", "scripts/prestart.ts"], { env, stdio: "inherit" });
const code = await new Promise<number | null>((resolve) => prepare.on("exit", resolve));
if (code !== 0) process.exit(code ?? 1);

fs.mkdirSync(path.dirname(serverLogFile()), { recursive: true });
const logFile = fs.createWriteStream(serverLogFile(), { flags: "a" });
const server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "-H", "127.0.0.1", "-p", String(process.env.E2E_PORT)], { env, stdio: ["ignore", "pipe", "pipe"] });
for (const stream of [server.stdout, server.stderr]) {
  stream.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    logFile.write(chunk);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (c) => process.exit(c ?? 0));
