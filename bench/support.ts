// What the HTTP benchmarks share: a scratch PostgreSQL database, the production server started
// on it the way `npm start` runs it, sign-in, and the CPU and memory accounting (Linux /proc).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
/** Other work on the machine skews every figure; the 1-minute load average says how much. */
export const loadAvg = () => round(os.loadavg()[0]);

export function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdio: "inherit" | "quiet" = "inherit"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: stdio === "inherit" ? "inherit" : ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

/** `npm start`'s server process (package.json) on 127.0.0.1:port: its Node flags and malloc settings. */
export function npmStartServer(port: number | string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [...nodeFlags, "--max-semi-space-size=4", "--import", "tsx", "scripts/server.ts", "-H", "127.0.0.1", "-p", String(port)],
    env: { ...env, MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072", MALLOC_TRIM_THRESHOLD_: "131072" },
  };
}

/** The distDir of a production build, or null when there is none. */
export function productionBuild(): string | null {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  return fs.existsSync(path.join(distDir, "BUILD_ID")) ? distDir : null;
}

export function requireBuild(): void {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir} (run: NEXT_DIST_DIR=${distDir} npx next build)`);
}

/** A fresh database named `fuyo_bench_<name>_…`; drop() removes it, whatever is still connected. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const dbName = `fuyo_bench_${name}_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The environment of a production server on `databaseUrl`, on a random port. */
export function serverEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv & { PORT: string } {
  const port = 3900 + crypto.randomInt(90);
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: crypto.randomBytes(33).toString("base64"),
    AUTH_TRUST_HOST: "true",
    RESEND_API_KEY: "",
    CRON_SECRET: crypto.randomBytes(24).toString("hex"),
    // As `npm start` runs (package.json): two malloc arenas instead of 8 per core, so sharp's and
    // the HEIC workers' threads do not each keep their own heap (bench -- upload: 711 → 605 MB).
    MALLOC_ARENA_MAX: "2",
    // As `npm start` too: a block of 128 kB or more is mapped on its own and given back when freed
    // (glibc would otherwise raise that threshold to the largest block freed, up to 32 MB, and keep
    // decoded photos' and bodies' memory in its heap; bench -- upload: 587 → 478 MB).
    MALLOC_MMAP_THRESHOLD_: "131072",
    MALLOC_TRIM_THRESHOLD_: "131072",
    // Mail stays in the dev mailbox: a bench sends none.
    APP_MAILBOX: "1",
    PORT: String(port),
    ...extra,
  };
}

export interface Server {
  process: ChildProcess;
  pid: number;
  base: string;
  stop(): void;
}

/**
 * `next start` with the same flags as `npm start` (package.json: a 4 MB young generation keeps
 * the RSS ~60 MB lower), healthy before this returns.
 */
export async function startServer(env: NodeJS.ProcessEnv & { PORT: string }): Promise<Server> {
  const logFile = path.join(import.meta.dirname, "tmp", `server-${env.PORT}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, ["--max-semi-space-size=4", "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", env.PORT], { env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const base = `http://127.0.0.1:${env.PORT}`;
  const server = { process: child, pid: child.pid!, base, stop: () => void child.kill("SIGTERM") };
  try {
    await waitForHealth(base);
  } catch (error) {
    server.stop();
    throw new Error(`${(error as Error).message}; its output: ${logFile}`);
  }
  return server;
}

export async function waitForHealth(base: string): Promise<void> {
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

/**
 * Peak resident memory of a process, sampled (VmRSS of /proc/<pid>/status counts every thread of
 * the process, worker threads included).
 */
export function sampleRss(pid: number, everyMs = 200) {
  let peak = 0;
  const read = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch {
      // process gone
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return { stop: () => (clearInterval(timer), read(), peak) };
}

/** user + system CPU seconds of the given processes (Linux /proc). */
export function cpuSeconds(pids: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // exited
    }
  }
  return total;
}

export function postgresPids(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/cmdline`, "utf8").startsWith("postgres");
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Signs a member in through the login form as a browser without JavaScript posts it; returns the session cookie. */
export async function memberLogin(base: string, userId: string, password: string, ip = "10.9.0.1"): Promise<string> {
  const body = new URLSearchParams({ userId, password });
  const response = await fetch(`${base}/login/submit`, { method: "POST", body, redirect: "manual", headers: { "x-forwarded-for": ip, origin: base } });
  await response.arrayBuffer();
  // Every cookie the login set (the session may come in chunks), without the ones it cleared.
  const cookies = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.endsWith("="));
  if (response.status !== 303 || !cookies.some((c) => c.includes("fuyo.session"))) throw new Error(`login of ${userId} failed (HTTP ${response.status})`);
  return cookies.join("; ");
}
