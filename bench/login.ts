// npm run bench -- login [--seconds 20] [--clients 8] [--members 200] [--cpu-prof DIR]
// Real logins over HTTP against the production build on PostgreSQL (the login form's no-JavaScript
// POST to its route, /login/submit, which a phone's script posts too), and in the same run the raw
// argon2id verify rate with one process per core. Prints logins/s, p50/p95, the ratio to raw argon2, and the server's RSS.
import { fork, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { hashPassword } from "../lib/auth/hash";
import { normalizeKanaName } from "../lib/kana";
import { writeResults } from "./results-file";
import { cpuSeconds, exec, npmStartServer, percentile, postgresPids, round, sampleRss, waitForHealth } from "./support";

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PASSWORD = "Bench-Password-1!";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { seconds: { type: "string", default: "20" }, clients: { type: "string", default: "8" }, members: { type: "string", default: "200" }, "cpu-prof": { type: "string" } } });
  const seconds = Number(values.seconds);
  const clients = Number(values.clients);
  const memberCount = Number(values.members);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log("building the app (next build)…");
    await exec("npm", ["run", "--silent", "build"], process.env);
  }

  const dbName = `fuyo_bench_login_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const port = 3900 + crypto.randomInt(90);
  const env = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: url.toString(), AUTH_SECRET: crypto.randomBytes(33).toString("base64"), AUTH_TRUST_HOST: "true", APP_DEMO: "1", APP_DEMO_FORCE: "1", APP_MAILBOX: "1", CRON_SECRET: crypto.randomBytes(24).toString("hex"), RESEND_API_KEY: "", PORT: String(port) };
  let server: ChildProcess | undefined;
  try {
    await exec("npx", ["tsx", "scripts/prestart.ts"], env);
    const users = await createMembers(url.toString(), memberCount);
    // `npm start`'s server and command line (package.json): a 4 MB young generation keeps the RSS
    // ~60 MB lower at the same login rate (measured with this bench).
    // --cpu-prof DIR: the server writes a V8 CPU profile there when it exits (open it in DevTools).
    const profile = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
    const command = npmStartServer(port, env, profile);
    server = spawn(process.execPath, command.args, { env: command.env, stdio: "ignore" });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);

    // Warm up (JIT, connection pool, argon2 threads), then measure. The raw argon2 figure is
    // measured before and after the logins and averaged: on a shared machine one 5-second sample
    // alone was seen anywhere between 10.6 and 15 ms per verify.
    await drive(base, users, clients, 2);
    const argon2Before = await rawArgon2Rate(5000);
    const rss = sampleRss(server.pid!);
    const before = { server: cpuSeconds([server.pid!]), postgres: cpuSeconds(postgresPids()), client: process.cpuUsage() };
    const latencies = await drive(base, users, clients, seconds);
    const serverRssMb = rss.stop();
    // Where the CPU went, per successful login (ms): the app server, PostgreSQL, this load generator.
    const perLogin = (s: number) => round((s * 1000) / Math.max(1, latencies.ok.length), 2);
    const clientCpu = process.cpuUsage(before.client);
    const cpu = {
      server_cpu_ms_per_login: perLogin(cpuSeconds([server.pid!]) - before.server),
      postgres_cpu_ms_per_login: perLogin(cpuSeconds(postgresPids()) - before.postgres),
      client_cpu_ms_per_login: perLogin((clientCpu.user + clientCpu.system) / 1e6),
    };

    const argon2After = await rawArgon2Rate(5000);
    const argon2 = { perS: (argon2Before.perS + argon2After.perS) / 2, cpuMsPerVerify: (argon2Before.cpuMsPerVerify + argon2After.cpuMsPerVerify) / 2 };
    const argon2PerS = argon2.perS;
    latencies.ok.sort((a, b) => a - b);
    const loginsPerS = latencies.ok.length / seconds;
    const figures = {
      logins_per_s: round(loginsPerS),
      argon2_verify_per_s: round(argon2PerS),
      ratio_to_argon2: round(loginsPerS / argon2PerS, 3),
      p50_ms: round(percentile(latencies.ok, 0.5)),
      p95_ms: round(percentile(latencies.ok, 0.95)),
      server_rss_mb: round(serverRssMb),
      clients,
      seconds,
      failed_requests: latencies.failed,
      ...cpu,
      argon2_cpu_ms_per_verify: round(argon2.cpuMsPerVerify, 2),
      argon2_cpu_ms_before_after: `${round(argon2Before.cpuMsPerVerify, 2)} / ${round(argon2After.cpuMsPerVerify, 2)}`,
      // One verify per login: the share of the server's CPU per login that is the hash itself.
      argon2_share_of_server_cpu: round(argon2.cpuMsPerVerify / cpu.server_cpu_ms_per_login, 3),
      load_avg_1m: round(os.loadavg()[0]),
      cores: os.cpus().length,
    };
    console.table(figures);
    writeResults("login", figures);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

async function createMembers(databaseUrl: string, count: number): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const hash = await hashPassword(PASSWORD);
  const [union] = await sql`select id from unions where code = 'jkc'`;
  const users: string[] = [];
  for (let i = 0; i < count; i++) {
    const [entry] = await sql`
      insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
      values (${union.id}, '90', ${`bench${i}`}, '00', 'ベンチ 太郎', 'ベンチ タロウ', ${normalizeKanaName("ベンチ タロウ")}, '1980-01-01', '本人', true) returning id`;
    const userId = `bench_user_${i}`;
    await sql`insert into members (union_id, roster_entry_id, user_id, email, password_hash) values (${union.id}, ${entry.id}, ${userId}, ${`bench${i}@example.jp`}, ${hash})`;
    users.push(userId);
  }
  await sql.end();
  return users;
}


async function drive(base: string, users: string[], clients: number, seconds: number) {
  const ok: number[] = [];
  let failed = 0;
  let next = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (Date.now() < end) {
        const userId = users[next++ % users.length];
        // As the browser posts the form without JavaScript (to its route, urlencoded).
        const body = new URLSearchParams({ userId, password: PASSWORD });
        const started = performance.now();
        const response = await fetch(`${base}/login/submit`, { method: "POST", body, redirect: "manual", headers: { "x-forwarded-for": `10.1.${c}.1`, origin: base } });
        await response.arrayBuffer();
        const elapsed = performance.now() - started;
        // Success is a redirect to / with the session cookie.
        if (response.status === 303 && response.headers.get("set-cookie")?.includes("fuyo.session")) ok.push(elapsed);
        else failed++;
      }
    }),
  );
  return { ok, failed };
}

/** Verifies per second with one process per core, and the CPU milliseconds one verify takes. */
async function rawArgon2Rate(ms: number): Promise<{ perS: number; cpuMsPerVerify: number }> {
  const cores = os.cpus().length;
  const results = await Promise.all(
    Array.from({ length: cores }, () => {
      const child = fork(path.join(process.cwd(), "bench", "argon2-worker.mjs"), [String(ms)], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      return new Promise<{ count: number; cpu_ms: number }>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error("argon2 worker failed")))));
    }),
  );
  const count = results.reduce((a, r) => a + r.count, 0);
  return { perS: count / (ms / 1000), cpuMsPerVerify: results.reduce((a, r) => a + r.cpu_ms, 0) / count };
}
