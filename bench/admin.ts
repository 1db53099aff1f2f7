// npm run bench -- admin [--rows 1000000] [--requests 60]
//
// The administrator area on the production build over PostgreSQL, in one run:
// 1. the CLI import of a generated CP932 roster (the same file as `bench -- roster`) into one union,
//    and the browser path for the same file into a second, empty union: the raw upload to
//    /admin/roster/upload (streamed, then 確認 as a dry run) and 取り込む (/admin/roster/import),
//    read to the end of their progress lines, as the page's script reads them. The ratio is CLI
//    seconds / browser-path seconds; the server's peak RSS is sampled meanwhile.
// 2. dashboard p95: GET /admin?union=… with every insured person of the first union registered
//    as a member (half of them consented to the current terms).
import { fork, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { migrateDb, openDb } from "../db/connect";
import { admins, termsVersions, unions } from "../db/schema";
import { adminCookieName, openAdminSession } from "../lib/admin/sessions";
import { systemClock } from "../lib/clock";
import { writeResults } from "./results-file";
import { ADMIN_URL, percentile, round, sampleRss, startServer, waitForHealth } from "./server";

const TMP = path.join(import.meta.dirname, "tmp");

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

/** Reads a progress response to its last line; fails unless that line says done without error. */
async function drain(response: Response): Promise<Record<string, unknown>> {
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const text = await response.text();
  const last = JSON.parse(text.trimEnd().split("\n").pop()!);
  if (!last.done || last.error) throw new Error(`progress ended with ${JSON.stringify(last)}`);
  return last;
}

async function ensureRoster(rows: number): Promise<string> {
  fs.mkdirSync(TMP, { recursive: true });
  const csvFile = path.join(TMP, `roster-${rows}.csv`);
  const copyFile = path.join(TMP, `roster-${rows}.copy.tsv`);
  if (!fs.existsSync(csvFile)) {
    const script = fileURLToPath(new URL("./roster.ts", import.meta.url));
    await new Promise<void>((resolve, reject) =>
      fork(script, ["--generate-roster", String(rows), csvFile, copyFile], { execArgv: process.execArgv })
        .on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))))
        .on("error", reject),
    );
  }
  return csvFile;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: "string", default: "1000000" }, requests: { type: "string", default: "60" } } });
  const rows = Number(values.rows);
  const requests = Number(values.requests);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) throw new Error(`no production build in ${distDir} (run: NEXT_DIST_DIR=${distDir} npx next build)`);
  const csvFile = await ensureRoster(rows);

  const dbName = `fuyo_bench_admin_${crypto.randomBytes(3).toString("hex")}`;
  const pgAdmin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await pgAdmin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const port = 3900 + crypto.randomInt(90);
  const authSecret = crypto.randomBytes(33).toString("base64");
  const env = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: url.toString(), AUTH_SECRET: authSecret, AUTH_TRUST_HOST: "true", RESEND_API_KEY: "", APP_MAILBOX: "1", PORT: String(port), ROSTER_UPLOAD_DIR: path.join(TMP, "uploads") };
  const handle = await openDb({ url: url.toString(), max: 4 });
  let server: ChildProcess | undefined;
  try {
    await migrateDb(handle);
    const db = handle.db;
    const [cli] = await db.insert(unions).values({ code: "benchcli", name: "ベンチ健康保険組合" }).returning();
    const [web] = await db.insert(unions).values({ code: "benchweb", name: "ベンチ二健康保険組合" }).returning();
    for (const u of [cli, web]) await db.insert(termsVersions).values({ unionId: u.id, version: 1, title: "規約", body: "第1条" });
    const [admin] = await db
      .insert(admins)
      .values({ loginId: "bench_operator", email: "bench@example.jp", passwordHash: "x", totpSecret: "x", role: "operator" })
      .returning();

    // 1a. The CLI, as a union's staff would run it.
    let t = performance.now();
    await exec("npx", ["tsx", "scripts/roster-import.ts", "--union", "benchcli", csvFile], env);
    const cliSeconds = (performance.now() - t) / 1000;
    console.log(`CLI import: ${round(cliSeconds)} s`);

    server = startServer(env, port);
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);
    const { token } = await openAdminSession(db, systemClock, admin, { ip: "127.0.0.1", userAgent: "bench" });
    const cookie = `${adminCookieName(true)}=${token}`;
    const headers = { cookie, accept: "application/x-ndjson" };

    // 1b. The browser path: upload + check, then import.
    const rss = sampleRss(server.pid!);
    t = performance.now();
    const size = fs.statSync(csvFile).size;
    const upload = await fetch(`${base}/admin/roster/upload?union=${web.id}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/octet-stream", "content-length": String(size), "x-file-name": "roster.csv" },
      body: fs.createReadStream(csvFile, { highWaterMark: 256 * 1024 }) as unknown as BodyInit,
      duplex: "half",
    } as RequestInit);
    const checked = await drain(upload);
    const uploadId = new URL(String(checked.url), base).searchParams.get("upload")!;
    const checkSeconds = (performance.now() - t) / 1000;
    const imported = await fetch(`${base}/admin/roster/import`, { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: `upload=${uploadId}` });
    await drain(imported);
    const browserSeconds = (performance.now() - t) / 1000;
    const peakRssMb = rss.stop();
    const sql = (db as unknown as { $client: postgres.Sql }).$client;
    const [{ n: webRows }] = await sql`select count(*)::int as n from roster_entries where union_id = ${web.id}`;
    if (webRows !== rows) throw new Error(`browser path imported ${webRows} rows, expected ${rows}`);
    console.log(`browser path: ${round(browserSeconds)} s (upload + check ${round(checkSeconds)} s), peak RSS ${Math.round(peakRssMb)} MB`);

    // 2. Members for every insured person of the CLI union, created over 30 days; half consented.
    await sql`
      insert into members (union_id, roster_entry_id, user_id, email, password_hash, created_at, locked_until)
      select union_id, id, 'u' || id, 'u' || id || '@example.jp', 'x', now() - (id % 30) * interval '1 day',
             case when id % 500 = 0 then now() + interval '1 hour' end
        from roster_entries where union_id = ${cli.id} and is_insured`;
    await sql`
      insert into terms_consents (member_id, terms_version_id, consented_at)
      select m.id, tv.id, now() from members m join terms_versions tv on tv.union_id = m.union_id where m.union_id = ${cli.id} and m.id % 2 = 0`;
    await sql`analyze`;
    const [{ n: memberCount }] = await sql`select count(*)::int as n from members`;
    const [{ n: rosterCount }] = await sql`select count(*)::int as n from roster_entries`;
    const page = async () => {
      const s = performance.now();
      const r = await fetch(`${base}/admin?union=${cli.id}`, { headers: { cookie } });
      if (!r.ok) throw new Error(`dashboard HTTP ${r.status}`);
      await r.text();
      return performance.now() - s;
    };
    for (let i = 0; i < 5; i++) await page();
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await page());
    times.sort((a, b) => a - b);
    const figures = {
      // Other work on the machine skews every figure; the 1-minute load average says how much.
      load_avg_1m: round(os.loadavg()[0]),
      dashboard_p50_ms: round(percentile(times, 0.5)),
      dashboard_p95_ms: round(percentile(times, 0.95)),
      dashboard_requests: requests,
      members: memberCount,
      roster_rows: rosterCount,
      upload_rows: rows,
      cli_import_seconds: round(cliSeconds, 2),
      browser_upload_check_seconds: round(checkSeconds, 2),
      browser_total_seconds: round(browserSeconds, 2),
      upload_ratio_to_cli: round(cliSeconds / browserSeconds, 2),
      upload_peak_rss_mb: Math.round(peakRssMb),
    };
    console.log(figures);
    writeResults("admin", figures);
  } finally {
    server?.kill("SIGTERM");
    await handle.close();
    await pgAdmin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await pgAdmin.end();
  }
}
