// Shared by the benchmarks that run the production build: a scratch database, the server started
// on it, a health wait, the server's RSS sampled, and small statistics helpers.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";

export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** Samples a process's resident memory every 200 ms; stop() returns the peak in MB. */
export function sampleRss(pid: number) {
  let peak = 0;
  const read = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // process gone
    }
  };
  const timer = setInterval(read, 200);
  return { stop: () => (clearInterval(timer), read(), peak) };
}

export async function waitForHealth(base: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy");
}

/** A fresh database on the local PostgreSQL; drop() removes it. */
export async function scratchDatabase(prefix: string) {
  const name = `${prefix}_${crypto.randomBytes(3).toString("hex")}`;
  const pgAdmin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await pgAdmin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await pgAdmin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await pgAdmin.end();
    },
  };
}

/** The distDir of a production build, or null when there is none. */
export function productionBuild(): string | null {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  return fs.existsSync(path.join(distDir, "BUILD_ID")) ? distDir : null;
}

/** The environment a production server on `databaseUrl` needs (mailbox on, no real mail). */
export function serverEnv(databaseUrl: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: databaseUrl, AUTH_SECRET: crypto.randomBytes(33).toString("base64"), AUTH_TRUST_HOST: "true", CRON_SECRET: crypto.randomBytes(24).toString("hex"), RESEND_API_KEY: "", APP_MAILBOX: "1", PORT: String(port), ...extra };
}

export const benchPort = () => 3900 + crypto.randomInt(90);

/** `next start` on 127.0.0.1:port, as `npm start` runs it (small semi-space, see package.json). */
export function startServer(env: NodeJS.ProcessEnv, port: number): ChildProcess {
  return spawn(process.execPath, ["--max-semi-space-size=4", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: "ignore" });
}
