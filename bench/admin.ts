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
// 3. member search p95 per kind, GET /admin/members?q=… as an operator (both unions in scope):
//    記号・番号, 氏名カナ (a full name, as staff type it), ユーザーID, メールアドレス; each kind's
//    count and page statements are printed with EXPLAIN (ANALYZE, BUFFERS).
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { migrateDb, openDb } from "../db/connect";
import { admins, termsVersions, unions } from "../db/schema";
import { dashboardStats, signupsPerDay } from "../lib/admin/dashboard";
import { memberSearchQueries, searchMembers } from "../lib/admin/members/search";
import { scopeOfAdmin } from "../lib/admin/scope";
import { adminCookieName, openAdminSession } from "../lib/admin/sessions";
import { systemClock } from "../lib/clock";
import { writeResults } from "./results-file";
import { exec, loadAvg, percentile, requireBuild, round, sampleRss, scratchDatabase, serverEnv, startServer, type Server } from "./support";

const TMP = path.join(import.meta.dirname, "tmp");

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
  requireBuild();
  const csvFile = await ensureRoster(rows);

  const scratch = await scratchDatabase("admin");
  const env = serverEnv(scratch.url, { APP_MAILBOX: "1", ROSTER_UPLOAD_DIR: path.join(TMP, "uploads") });
  const handle = await openDb({ url: scratch.url, max: 4 });
  let server: Server | undefined;
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
    await exec("npx", ["tsx", "scripts/roster-import.ts", "--union", "benchcli", csvFile], env, "quiet");
    const cliSeconds = (performance.now() - t) / 1000;
    console.log(`CLI import: ${round(cliSeconds)} s`);

    server = await startServer(env);
    const base = server.base;
    const { token } = await openAdminSession(db, systemClock, admin, { ip: "127.0.0.1", userAgent: "bench" });
    const cookie = `${adminCookieName(true)}=${token}`;
    const headers = { cookie, accept: "application/x-ndjson" };

    // 1b. The browser path: upload + check, then import.
    const rss = sampleRss(server.pid);
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
    // As autovacuum leaves tables after a bulk load: statistics, and the visibility map that
    // lets an index-only scan skip the heap.
    await sql`vacuum analyze`;
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
    const dashboardLoad = loadAvg();
    // The dashboard's statements alone (lib/admin/dashboard.ts), without the page around them.
    const queryTimes: number[] = [];
    const cliScope = { ...(await scopeOfAdmin(db, admin.id, "bench"))!, unionIds: [cli.id] };
    for (let i = 0; i < requests; i++) {
      const s = performance.now();
      await Promise.all([dashboardStats(db, systemClock, cliScope, [cli.id]), signupsPerDay(db, systemClock, cliScope, [cli.id])]);
      queryTimes.push(performance.now() - s);
    }
    queryTimes.sort((a, b) => a - b);

    // 3. Member search, each kind with values drawn from the CLI union's people.
    const people = await sql<{ symbol: string; number: string; kana_name: string; user_id: string; email: string }[]>`
      select r.symbol, r.number, r.kana_name, m.user_id, m.email
        from members m join roster_entries r on r.id = m.roster_entry_id
       where m.union_id = ${cli.id} order by random() limit ${requests}`;
    const kinds: Record<string, (p: (typeof people)[number]) => string> = {
      symbol_number: (p) => `${p.symbol}-${p.number}`,
      kana_prefix: (p) => p.kana_name,
      user_id: (p) => p.user_id,
      email: (p) => p.email,
    };
    const operatorScope = (await scopeOfAdmin(db, admin.id, "bench"))!;
    const dialect = new PgDialect();
    const search: Record<string, number> = {};
    for (const [kind, value] of Object.entries(kinds)) {
      // The plans of the page's two statements for one value of this kind.
      const queries = memberSearchQueries(db, operatorScope, value(people[0]));
      for (const [name, query] of [["count", dialect.sqlToQuery(queries.total)], ["page", queries.page(1).toSQL()]] as const) {
        const plan = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params as postgres.ParameterOrJSON<never>[]);
        console.log(`\n-- search ${kind} (${name}): ${value(people[0])}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
      const got = await fetch(`${base}/admin/members?q=${encodeURIComponent(value(people[0]))}`, { headers: { cookie } });
      // The first page shows what was searched for (a kana name or user ID prefix may list many).
      const shown = kind === "kana_prefix" ? people[0].kana_name : kind === "user_id" ? people[0].user_id : people[0].number;
      if (!(await got.text()).includes(shown)) throw new Error(`search ${kind} did not find ${value(people[0])}`);
      // Through lib/admin/members (count + page in one transaction, as the page runs them), and
      // over HTTP (the same plus the admin gate and rendering the page).
      const libTimes: number[] = [];
      const httpTimes: number[] = [];
      for (const p of people) {
        let s = performance.now();
        await searchMembers(db, operatorScope, { q: value(p), page: 1 });
        libTimes.push(performance.now() - s);
        s = performance.now();
        const r = await fetch(`${base}/admin/members?q=${encodeURIComponent(value(p))}`, { headers: { cookie } });
        if (!r.ok) throw new Error(`search HTTP ${r.status}`);
        await r.text();
        httpTimes.push(performance.now() - s);
      }
      libTimes.sort((a, b) => a - b);
      httpTimes.sort((a, b) => a - b);
      search[`search_${kind}_p50_ms`] = round(percentile(libTimes, 0.5));
      search[`search_${kind}_p95_ms`] = round(percentile(libTimes, 0.95));
      search[`search_http_${kind}_p95_ms`] = round(percentile(httpTimes, 0.95));
    }
    const figures = {
      load_avg_1m: dashboardLoad,
      dashboard_p50_ms: round(percentile(times, 0.5)),
      dashboard_p95_ms: round(percentile(times, 0.95)),
      dashboard_requests: requests,
      dashboard_queries_p95_ms: round(percentile(queryTimes, 0.95)),
      members: memberCount,
      roster_rows: rosterCount,
      upload_rows: rows,
      cli_import_seconds: round(cliSeconds, 2),
      browser_upload_check_seconds: round(checkSeconds, 2),
      browser_total_seconds: round(browserSeconds, 2),
      upload_ratio_to_cli: round(cliSeconds / browserSeconds, 2),
      upload_peak_rss_mb: Math.round(peakRssMb),
      search_p95_ms: Math.max(...Object.entries(search).filter(([k]) => !k.startsWith("search_http_") && k.endsWith("_p95_ms")).map(([, v]) => v)),
      search_http_p95_ms: Math.max(...Object.entries(search).filter(([k]) => k.startsWith("search_http_")).map(([, v]) => v)),
      ...search,
      search_requests_per_kind: people.length,
      search_load_avg_1m: loadAvg(),
    };
    console.log(figures);
    writeResults("admin", figures);
  } finally {
    server?.stop();
    await handle.close();
    await scratch.drop();
  }
}
