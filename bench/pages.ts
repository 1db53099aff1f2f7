// npm run bench -- pages [--runs 5] [--only login,survey] [--build | --reuse]
// Lighthouse 12 (mobile, default simulated throttling) with Debian Chromium against the production
// build on a fresh PostgreSQL database with the demo data; a member is signed in for the /survey
// pages. Per page, the medians of the runs: JavaScript on the wire at load (KB), the performance
// score, TBT, LCP and the accessibility score — plus, printed, where the bytes and the main-thread
// time went (scripts by size, bootup-time, the LCP phases) and the machine's load average.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import postgres from "postgres";
import { DEMO_MEMBER } from "../db/seed/demo";
import { hashPassword } from "../lib/auth/hash";
import { SIGNUP_COOKIE } from "../lib/signup/request";
import { exec, npmStartServer, waitForHealth } from "./support";
import { writeResults } from "./results-file";

const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const PASSWORD = "Bench-Pages-1!";
const USER_ID = "bench_pages_member";

type PageKey = "login" | "signup" | "signup_account" | "survey" | "survey_answer";

interface RunFigures {
  js_kb: number;
  perf: number;
  tbt_ms: number;
  lcp_ms: number;
  a11y: number;
  scripts: { url: string; kb: number }[];
  bootup: { url: string; scripting: number; total: number }[];
  lcpPhases: Record<string, number>;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: "string", default: "5" }, only: { type: "string" }, build: { type: "boolean", default: false }, reuse: { type: "boolean", default: false } } });
  const runs = Number(values.runs);
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  // --reuse takes the build as it is (e.g. a baseline build in another NEXT_DIST_DIR).
  if (values.build || (!values.reuse && !freshBuild(distDir))) {
    console.log("building the app (next build)…");
    await exec("npm", ["run", "--silent", "build"], process.env);
  }

  const dbName = `fuyo_bench_pages_${crypto.randomBytes(3).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const port = 3990 + crypto.randomInt(9);
  const env = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: url.toString(), AUTH_SECRET: crypto.randomBytes(33).toString("base64"), AUTH_TRUST_HOST: "true", APP_DEMO: "1", APP_DEMO_FORCE: "1", APP_MAILBOX: "1", CRON_SECRET: crypto.randomBytes(24).toString("hex"), RESEND_API_KEY: "", PORT: String(port) };
  let server: ChildProcess | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    await exec("npx", ["tsx", "scripts/prestart.ts"], env);
    const member = await surveyMember(url.toString());
    // `npm start`'s server: it is the one that sends the lean pages without Next's runtime.
    const command = npmStartServer(port, env);
    server = spawn(process.execPath, command.args, { env: command.env, stdio: ["ignore", "ignore", "inherit"] });
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base);
    const cookie = await signIn(base);
    // /signup/account needs a roster match first: its cookie comes from the signup form's no-JS post.
    const signupCookie = await rosterMatch(base);

    const pages: Record<PageKey, { path: string; cookie?: string }> = {
      login: { path: "/login" },
      signup: { path: "/signup" },
      signup_account: { path: "/signup/account", cookie: signupCookie },
      survey: { path: "/survey", cookie },
      survey_answer: { path: `/survey/dependents/${member.dependentEntryId}`, cookie },
    };
    const only = values.only ? new Set(values.only.split(",")) : null;
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    const cores = os.cpus().length;
    for (const [key, page] of Object.entries(pages) as [PageKey, (typeof pages)[PageKey]][]) {
      if (only && !only.has(key)) continue;
      const results: RunFigures[] = [];
      const loadBefore = os.loadavg()[0];
      for (let i = 0; i < runs; i++) results.push(await lighthouseRun(chrome.port, base + page.path, page.cookie));
      const med = (pick: (r: RunFigures) => number) => median(results.map(pick));
      const figures = {
        js_kb: round(med((r) => r.js_kb)),
        perf: med((r) => r.perf),
        tbt_ms: Math.round(med((r) => r.tbt_ms)),
        lcp_ms: Math.round(med((r) => r.lcp_ms)),
        a11y: med((r) => r.a11y),
        runs,
        // The machine is shared: TBT and LCP are simulated from the measured trace, so a busy CPU inflates them.
        load_avg_1m: `${round(loadBefore)} → ${round(os.loadavg()[0])} on ${cores} cores`,
        lighthouse: "12.8.2 mobile, default simulated throttling",
      };
      report(key, page.path, results, figures);
      writeResults(`pages.${key}`, figures);
    }
  } finally {
    await chrome?.kill();
    server?.kill("SIGTERM");
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** A build is reused when it is newer than every source file that goes into it. */
function freshBuild(distDir: string): boolean {
  const id = path.join(distDir, "BUILD_ID");
  if (!fs.existsSync(id)) return false;
  const built = fs.statSync(id).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? newer(p) : fs.statSync(p).mtimeMs > built;
    });
  return !["app", "lib", "emails", "db"].some((dir) => fs.existsSync(dir) && newer(dir)) && !["next.config.ts", "proxy.ts", "package-lock.json"].some((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs > built);
}

/** A member of the demo union whose household is in the open demo survey, consented to the terms. */
async function surveyMember(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [target] = await sql`
      select r.insured_entry_id, r.survey_id, e.union_id from survey_responses r join roster_entries e on e.id = r.insured_entry_id
      where not exists (select 1 from members m where m.roster_entry_id = r.insured_entry_id)
        and not (e.symbol = ${DEMO_MEMBER.symbol} and e.number = ${DEMO_MEMBER.number}) order by r.id limit 1`;
    if (!target) throw new Error("the demo has no survey household without an account");
    const [dependent] = await sql`
      select roster_entry_id from survey_targets where survey_id = ${target.survey_id} and insured_entry_id = ${target.insured_entry_id} and removed_at is null order by roster_entry_id limit 1`;
    const [member] = await sql`
      insert into members (union_id, roster_entry_id, user_id, email, password_hash)
      values (${target.union_id}, ${target.insured_entry_id}, ${USER_ID}, 'bench-pages@example.jp', ${await hashPassword(PASSWORD)}) returning id`;
    await sql`
      insert into terms_consents (member_id, terms_version_id, consented_at)
      select ${member.id}, id, now() from terms_versions where union_id = ${target.union_id} order by version desc limit 1`;
    return { dependentEntryId: Number(dependent.roster_entry_id) };
  } finally {
    await sql.end();
  }
}

/** Signs in through the login form's no-JavaScript post; answers the session cookie. */
async function signIn(base: string): Promise<string> {
  const body = new URLSearchParams({ userId: USER_ID, password: PASSWORD });
  const response = await fetch(`${base}/login/submit`, { method: "POST", body, redirect: "manual", headers: { origin: base, "x-forwarded-for": "10.9.0.1" } });
  const cookie = cookiePair(response, "fuyo.session");
  if (!cookie) throw new Error(`sign-in failed (${response.status})`);
  return cookie;
}

/** The manual's example member matches the roster (SPEC): the signup cookie for /signup/account. */
async function rosterMatch(base: string): Promise<string> {
  const html = await (await fetch(`${base}/signup`)).text();
  const body = new FormData();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    if (name?.startsWith("$ACTION")) body.append(name, (/value="([^"]*)"/.exec(m[0])?.[1] ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  }
  const { insurerCode, symbol, number, birthDate, kanaName } = DEMO_MEMBER;
  for (const [k, v] of Object.entries({ insurerCode, symbol, number, birthDate, kanaName })) body.append(k, v);
  const response = await fetch(`${base}/signup`, { method: "POST", body, redirect: "manual", headers: { origin: base, "x-forwarded-for": "10.9.0.2" } });
  const cookie = cookiePair(response, SIGNUP_COOKIE);
  if (!cookie) throw new Error(`roster match failed (${response.status})`);
  return cookie;
}

function cookiePair(response: Response, name: string): string | undefined {
  const set = response.headers.getSetCookie().find((c) => c.split("=")[0] === name || c.split("=")[0].endsWith(`-${name}`));
  return set?.split(";")[0];
}

async function lighthouseRun(port: number, url: string, cookie?: string): Promise<RunFigures> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"], extraHeaders: cookie ? { Cookie: cookie } : undefined });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
  if (lhr.finalDisplayedUrl !== url) throw new Error(`${url} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
  type Item = Record<string, unknown>;
  const items = (id: string): Item[] => ((lhr.audits[id]?.details as { items?: Item[] } | undefined)?.items ?? []) as Item[];
  const scripts = items("network-requests")
    .filter((r) => r.resourceType === "Script")
    .map((r) => ({ url: String(r.url).replace(/^https?:\/\/[^/]+/, ""), kb: round(Number(r.transferSize) / 1024) }));
  const bootup = items("bootup-time").map((r) => ({ url: String(r.url).replace(/^https?:\/\/[^/]+/, ""), scripting: Math.round(Number(r.scripting)), total: Math.round(Number(r.total)) }));
  const lcpTable = (lhr.audits["largest-contentful-paint-element"]?.details as { items?: { items?: Item[] }[] } | undefined)?.items?.[1]?.items ?? [];
  const lcpPhases = Object.fromEntries(lcpTable.map((p) => [String(p.phase), Math.round(Number(p.timing))]));
  return {
    js_kb: scripts.reduce((a, s) => a + s.kb, 0),
    perf: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    tbt_ms: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
    lcp_ms: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    a11y: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    scripts,
    bootup,
    lcpPhases,
  };
}

function report(key: string, pagePath: string, results: RunFigures[], medians: unknown) {
  const last = results[results.length - 1];
  console.log(`\n== ${key} (${pagePath}) ==`);
  console.log("runs:", results.map((r) => `perf ${r.perf} tbt ${Math.round(r.tbt_ms)} lcp ${Math.round(r.lcp_ms)} js ${round(r.js_kb)}KB a11y ${r.a11y}`).join(" | "));
  console.log("medians:", JSON.stringify(medians));
  console.log("scripts (KB on the wire):", last.scripts.map((s) => `${s.url.split("/").pop()} ${s.kb}`).join(", "));
  console.log("bootup-time (ms, throttled):", last.bootup.map((b) => `${b.url.split("/").pop() || b.url} ${b.scripting}/${b.total}`).join(", "));
  console.log("LCP phases (ms):", JSON.stringify(last.lcpPhases));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
