// npm run bench -- roster [--rows N] [--fresh]
//
// Imports a generated CP932 roster (1,000,000 rows by default) into a scratch PostgreSQL database
// through importRoster — the real path — and compares it with raw COPYs of the same rows; then
// times findRosterMatch. See bench/README.md for what each figure means.
import { fork } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import iconv from "iconv-lite";
import postgres from "postgres";
import { migrateDb, openDb } from "../db/connect";
import { createUnion } from "../db/seed/factories";
import { systemClock } from "../lib/clock";
import { normalizeKanaName } from "../lib/kana";
import { importRoster } from "../lib/roster/import";
import { findRosterMatch } from "../lib/roster/match";
import { writeResults } from "./results-file";

const TMP = path.join(import.meta.dirname, "tmp");
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// ---- A realistic roster: households sorted by 記号・番号, 本人 first, Excel-style dates, CRLF.
const FAMILY = [["佐藤", "サトウ"], ["鈴木", "スズキ"], ["高橋", "タカハシ"], ["田中", "タナカ"], ["伊藤", "イトウ"], ["渡辺", "ワタナベ"], ["山本", "ヤマモト"], ["中村", "ナカムラ"], ["小林", "コバヤシ"], ["加藤", "カトウ"], ["吉田", "ヨシダ"], ["山田", "ヤマダ"], ["佐々木", "ササキ"], ["山口", "ヤマグチ"], ["松本", "マツモト"], ["井上", "イノウエ"], ["木村", "キムラ"], ["林", "ハヤシ"], ["斎藤", "サイトウ"], ["清水", "シミズ"], ["髙橋", "タカハシ"], ["城野", "ジョウノ"]];
const GIVEN = [["太郎", "タロウ", "M"], ["花子", "ハナコ", "F"], ["翔子", "ショウコ", "F"], ["健一", "ケンイチ", "M"], ["美咲", "ミサキ", "F"], ["大輔", "ダイスケ", "M"], ["陽菜", "ヒナ", "F"], ["蓮", "レン", "M"], ["優子", "ユウコ", "F"], ["拓也", "タクヤ", "M"], ["由美", "ユミ", "F"], ["隆", "タカシ", "M"], ["悠真", "ユウマ", "M"], ["結衣", "ユイ", "F"], ["湊", "ミナト", "M"], ["芽依", "メイ", "F"]];

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the CSV (CP932) and, for the COPY baselines, the same rows in COPY text format. */
async function generate(rows: number, csvFile: string, copyFile: string): Promise<void> {
  const rand = mulberry32(20260401);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const date = (from: number, to: number) => {
    const d = new Date(Date.UTC(from, 0, 1) + Math.floor(rand() * (to - from) * 365.25) * 86_400_000);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  };
  const keys = new Map<string, string>();
  const csv = fs.createWriteStream(csvFile);
  const copy = fs.createWriteStream(copyFile);
  const write = async (stream: fs.WriteStream, data: string | Buffer) => {
    if (!stream.write(data)) await new Promise((r) => stream.once("drain", r));
  };
  let csvText = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別\r\n";
  let copyText = "";
  let written = 0;
  for (let household = 0; written < rows; household++) {
    const symbol = String(10 + Math.floor(household / 10_000));
    const number = String(1 + (household % 10_000));
    const [family, familyKana] = pick(FAMILY);
    const size = Math.min(rows - written, 1 + pick([0, 0, 0, 0, 1, 1, 1, 2, 2, 3]));
    for (let member = 0; member < size; member++, written++) {
      const [given, givenKana, sex] = pick(GIVEN);
      const relationship = member === 0 ? "本人" : member === 1 ? (sex === "M" ? "夫" : "妻") : "子";
      const [y, m, d] = member < 2 ? date(1955, 2004) : date(1995, 2025);
      const kana = `${familyKana} ${givenKana}`;
      let key = keys.get(kana);
      if (!key) keys.set(kana, (key = normalizeKanaName(kana)));
      const branch = String(member).padStart(2, "0");
      const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      csvText += `${symbol},${number},${branch},${family} ${given},${kana},${y}/${m}/${d},${relationship},${sex === "M" ? "男" : "女"}\r\n`;
      copyText += `${symbol}\t${number}\t${branch}\t${family} ${given}\t${kana}\t${key}\t${iso}\t${relationship}\t${sex}\t${member === 0 ? "t" : "f"}\n`;
    }
    if (csvText.length > 1 << 20) {
      await write(csv, iconv.encode(csvText, "cp932"));
      await write(copy, copyText);
      csvText = copyText = "";
    }
  }
  await write(csv, iconv.encode(csvText, "cp932"));
  await write(copy, copyText);
  await Promise.all([csv, copy].map((s) => new Promise((r) => s.end(r))));
}

// ---- Memory: the kernel's high-water mark, reset just before the import (Linux), and sampling.
function peakRss() {
  let sampled = 0;
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5"); // resets VmHWM
  } catch {
    /* not Linux: sampling only */
  }
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 25);
  return () => {
    clearInterval(timer);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.existsSync("/proc/self/status") ? fs.readFileSync("/proc/self/status", "utf8") : "");
    return Math.max(sampled, hwm ? Number(hwm[1]) * 1024 : 0) / 2 ** 20;
  };
}

/**
 * CPU seconds used so far by this database's server processes (local PostgreSQL on Linux only):
 * unlike wall time, it does not depend on what else the machine is running.
 */
async function serverCpuSeconds(sql: postgres.Sql, database: string): Promise<number> {
  const backends = await sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = ${database}`;
  let ticks = 0;
  for (const { pid } of backends) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return Number.NaN;
    }
  }
  return ticks / 100;
}

const GENERATE = "--generate-roster";
if (process.argv[2] === GENERATE) {
  const [rows, csvFile, copyFile] = process.argv.slice(3);
  generate(Number(rows), csvFile, copyFile).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rows: { type: "string" }, fresh: { type: "boolean" } } });
  const rows = Number(values.rows ?? 1_000_000);
  if (!Number.isInteger(rows) || rows < 1) throw new Error("--rows must be a positive integer");

  fs.mkdirSync(TMP, { recursive: true });
  const csvFile = path.join(TMP, `roster-${rows}.csv`);
  const copyFile = path.join(TMP, `roster-${rows}.copy.tsv`);
  if (values.fresh || !fs.existsSync(csvFile) || !fs.existsSync(copyFile)) {
    const t = performance.now();
    // In a child process, so that its memory does not count towards the import's peak RSS.
    await new Promise<void>((resolve, reject) =>
      fork(fileURLToPath(import.meta.url), [GENERATE, String(rows), csvFile, copyFile], { execArgv: process.execArgv })
        .on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))))
        .on("error", reject),
    );
    console.log(`generated ${csvFile} (${round(fs.statSync(csvFile).size / 2 ** 20)} MiB) in ${round((performance.now() - t) / 1000)} s`);
  }

  const name = `fuyo_bench_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDb({ url: url.toString(), max: 4 });
  try {
    await migrateDb(handle);
    const db = handle.db;
    const union = await createUnion(db, { code: "bench" });

    const sql = (handle.db as unknown as { $client: postgres.Sql }).$client;
    const serverCpu = () => serverCpuSeconds(sql, name);

    // 1. The real import.
    const server0 = await serverCpu();
    const load = os.loadavg()[0];
    const stopRss = peakRss();
    const cpu = process.cpuUsage();
    let t = performance.now();
    const result = await importRoster(db, { unionCode: "bench", input: fs.createReadStream(csvFile, { highWaterMark: 256 * 1024 }), fileName: path.basename(csvFile), clock: systemClock });
    const importSeconds = (performance.now() - t) / 1000;
    const peakRssMb = stopRss();
    const { user, system } = process.cpuUsage(cpu);
    const importServerCpu = (await serverCpu()) - server0;
    if (!result.ok) throw new Error(`import failed: ${result.errors.slice(0, 3).join("; ")}`);
    if (result.inserted !== rows) throw new Error(`expected ${rows} rows inserted, got ${result.inserted}`);

    // 2. Raw COPYs of the same rows, pre-rendered in COPY format and read straight from disk:
    //    into a twin of roster_entries (same columns, defaults, indexes and foreign keys, filled
    //    with the same values), and into a bare table with no index or constraint at all.
    const copyInto = async (table: string) => {
      const t0 = performance.now();
      const writable = await sql.unsafe(`COPY ${table} (symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, sex, is_insured) FROM STDIN`).writable();
      await pipeline(fs.createReadStream(copyFile, { highWaterMark: 256 * 1024 }), writable);
      return (performance.now() - t0) / 1000;
    };
    await sql.unsafe(`CREATE TABLE bench_copy_twin (LIKE roster_entries INCLUDING ALL)`);
    await sql.unsafe(`ALTER TABLE bench_copy_twin
      ADD FOREIGN KEY (union_id) REFERENCES unions (id), ADD FOREIGN KEY (import_id) REFERENCES roster_imports (id),
      ALTER union_id SET DEFAULT ${union.id}, ALTER import_id SET DEFAULT ${result.importId}`);
    await sql.unsafe("CREATE TABLE bench_copy_bare (symbol text, number text, branch text, name text, kana_name text, kana_key text, birth_date date, relationship text, sex text, is_insured boolean)");
    const server1 = await serverCpu();
    const copySeconds = await copyInto("bench_copy_twin");
    const copyServerCpu = (await serverCpu()) - server1;
    const bareSeconds = await copyInto("bench_copy_bare");
    await sql.unsafe("DROP TABLE bench_copy_twin, bench_copy_bare");

    // 3. Re-importing the same file: the upsert path, every row unchanged.
    t = performance.now();
    const again = await importRoster(db, { unionCode: "bench", input: fs.createReadStream(csvFile, { highWaterMark: 256 * 1024 }), fileName: path.basename(csvFile), clock: systemClock });
    const reimportSeconds = (performance.now() - t) / 1000;
    if (!again.ok || again.unchanged !== rows) throw new Error("re-import did not find every row unchanged");

    // 4. Sign-up lookups against the imported roster (statistics as autovacuum would leave them).
    await sql.unsafe("ANALYZE roster_entries");
    const people = await sql<{ symbol: string; number: string; birth_date: string; kana_name: string }[]>`
      SELECT symbol, number, birth_date::text, kana_name FROM roster_entries
      WHERE union_id = ${union.id} AND is_insured ORDER BY random() LIMIT 2000`;
    const times: number[] = [];
    let found = 0;
    for (const p of people) {
      t = performance.now();
      const match = await findRosterMatch(db, { unionCode: "BENCH", symbol: p.symbol, number: p.number, birthDate: p.birth_date, kanaName: p.kana_name });
      times.push(performance.now() - t);
      if (match) found++;
    }
    if (found !== people.length) throw new Error(`findRosterMatch missed ${people.length - found} of ${people.length} known people`);
    times.sort((a, b) => a - b);

    const figures = {
      rows,
      import_rows_per_s: Math.round(rows / importSeconds),
      copy_rows_per_s: Math.round(rows / copySeconds),
      ratio_to_copy: round(copySeconds / importSeconds, 2),
      seconds: round(importSeconds, 2),
      peak_rss_mb: Math.round(peakRssMb),
      match_p50_ms: round(percentile(times, 50), 2),
      match_p95_ms: round(percentile(times, 95), 2),
      bare_copy_rows_per_s: Math.round(rows / bareSeconds),
      ratio_to_bare_copy: round(bareSeconds / importSeconds, 2),
      reimport_unchanged_seconds: round(reimportSeconds, 2),
      // Context: the machine's load when the import started, and the import's own CPU time in Node.
      load_avg_1m: round(load, 1),
      import_node_cpu_seconds: round((user + system) / 1e6, 1),
      import_pg_cpu_seconds: round(importServerCpu, 1),
      copy_pg_cpu_seconds: round(copyServerCpu, 1),
    };
    console.table(figures);
    writeResults("roster", figures);
  } finally {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
