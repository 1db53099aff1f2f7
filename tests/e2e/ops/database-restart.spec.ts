// Fault: PostgreSQL restarts under load. A production server runs on a database server of the test's
// own (tests/support/private-postgres.ts; the shared cluster on :5432 is never stopped) while 8
// clients post the no-JavaScript forms: 4 log in again and again, 4 make sign-up roster matches,
// each with a fresh roster person. The database is stopped (fast shutdown: connections cut) and
// started again. Required: /api/health answers 503 while it is down, no request hangs, the same
// server process answers again within 10 s of the database accepting connections, and every
// request that was answered with success is in the database afterwards.
import crypto from "node:crypto";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { promisify } from "node:util";
import { decode } from "next-auth/jwt";
import postgres from "postgres";
import { writeResults } from "../../../bench/results-file";
import { hashPassword } from "../../../lib/auth/hash";
import { normalizeKanaName } from "../../../lib/kana";
import { e2eServerEnv } from "../db";
import { expect, PASSWORD, test } from "../fixtures";
import { startInstance, type Instance } from "./instance";
import { createPrivatePostgres, type PrivatePostgres } from "../../support/private-postgres";

const SESSION_COOKIE = "__Host-fuyo.session";
const AUTH_SECRET = e2eServerEnv().AUTH_SECRET!;
/** Per request: a request may fail while the database is down, but must be answered by then. */
const REQUEST_TIMEOUT_MS = 15_000;
/** The bound: answering again within this long of the database coming back. */
const RECOVERY_LIMIT_MS = 10_000;
/** How long each phase of the fault lasts: traffic before, the outage, traffic after recovery. */
const PHASE_MS = 3_000;
/** Pause after a failed request before the client tries again, as a retrying client would. */
const RETRY_PAUSE_MS = 100;
const ROWS_PER_MATCH_CLIENT = 600;
const KANA = "シケン タロウ";
const BIRTH = "1980-05-05";

type Kind = "login" | "match";
type Phase = "before" | "down" | "after";

interface Outcome {
  kind: Kind;
  client: number;
  phase: Phase;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or what went wrong without one. */
  status: number | "timeout" | "network";
  success: boolean;
  /** login: the session id in the issued JWT; match: the sign-up cookie's token. */
  proof?: string;
  /** login: the member; match: the roster row used. */
  subject: number;
  /** What a request that was not a success answered: status, Location, names of cookies set. */
  detail?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const tally = (keys: string[]) => keys.reduce<Record<string, number>>((all, k) => ({ ...all, [k]: (all[k] ?? 0) + 1 }), {});

/** At least `ms`, then until `done()` holds (at most 20 s more): the fault's phases are real time. */
async function phase(ms: number, done: () => boolean): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms || (!done() && Date.now() - started < ms + 20_000)) await pause(50);
}

/** The hidden `$ACTION…` inputs of the page's first form, as a browser without JavaScript posts them. */
async function actionFields(url: string): Promise<Record<string, string>> {
  const html = await (await fetch(url)).text();
  const form = /<form\b[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const decodeEntities = (v: string) =>
    v.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_, e: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" })[e]!);
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const attrs = Object.fromEntries([...input.matchAll(/([\w$:-]+)="([^"]*)"/g)].map(([, k, v]) => [k, decodeEntities(v)]));
    if (attrs.type === "hidden" && attrs.name) fields[attrs.name] = attrs.value ?? "";
  }
  if (!Object.keys(fields).some((name) => name.startsWith("$ACTION"))) throw new Error(`no server action form on ${url}`);
  return fields;
}

function cookieValue(response: Response, name: string): string | null {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    if (pair.slice(0, eq).trim() === name && pair.slice(eq + 1)) return pair.slice(eq + 1);
  }
  return null;
}

let pg: PrivatePostgres | undefined;
let server: Instance | undefined;
let sql: postgres.Sql | undefined;

test.afterAll(async () => {
  await sql?.end({ timeout: 1 }).catch(() => {});
  await server?.stop();
  await pg?.destroy();
});

test("PostgreSQL restarted under 8 clients: health 503 while down, answers again within 10 s, every success is stored", async ({}, testInfo) => {
  test.setTimeout(90_000);
  const setupStarted = Date.now();

  // --- A database server of our own, migrated and seeded like the suite's, and a server on it.
  pg = await createPrivatePostgres();
  await pg.start();
  const env = { ...e2eServerEnv(), DATABASE_URL: pg.url, APP_DEMO: "1" };
  await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/prestart.ts"], { env, timeout: 60_000 });
  sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  const db = sql;
  const [union] = await db`select id from unions where code = 'jkc'`;

  // 4 members to log in as, one password hash for all.
  const passwordHash = await hashPassword(PASSWORD);
  const run = crypto.randomBytes(3).toString("hex");
  const loginMembers = (await db<{ id: string; user_id: string }[]>`
    with roster as (
      insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
      select ${union.id}, '90', 'L' || ${run} || g, '00', '試験 太郎', ${KANA}, ${normalizeKanaName(KANA)}, ${BIRTH}, '本人', true
        from generate_series(1, 4) g
      returning id, number)
    insert into members (union_id, roster_entry_id, user_id, email, password_hash)
    select ${union.id}, id, 'restart_' || lower(number), lower(number) || '@example.jp', ${passwordHash} from roster
    returning id, user_id`).map((m) => ({ ...m, id: Number(m.id) }));
  // Unregistered roster people for the sign-up clients: each attempt takes a fresh one.
  const matchRows = (await db<{ id: string; number: string }[]>`
    insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    select ${union.id}, '91', 'M' || ${run} || g, '00', '試験 太郎', ${KANA}, ${normalizeKanaName(KANA)}, ${BIRTH}, '本人', true
      from generate_series(1, ${4 * ROWS_PER_MATCH_CLIENT}) g
    returning id, number`).map((r) => ({ ...r, id: Number(r.id) }));

  server = await startInstance({ DATABASE_URL: pg.url });
  const base = server.url;
  // The login form is a plain form (its own route); sign-up's is a server action.
  const signupFields = await actionFields(`${base}/signup`);
  const setupSeconds = (Date.now() - setupStarted) / 1000;

  // --- Clocks of the fault. A request is "before" if answered before the stop was issued, "after"
  // if sent once the database accepted connections again, and "down" otherwise (including the
  // requests cut off by the stop).
  const marks = { trafficStarted: Date.now(), stopIssued: Infinity, down: Infinity, startIssued: Infinity, up: Infinity };
  const phaseOf = (o: Outcome): Phase => (o.endedAt < marks.stopIssued ? "before" : o.startedAt < marks.up ? "down" : "after");
  const outcomes: Outcome[] = [];
  let stopping = false;

  async function post(kind: Kind, client: number, subject: number, path: string, fields: Record<string, string>, ip: string): Promise<Outcome> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    const startedAt = Date.now();
    const outcome: Outcome = { kind, client, subject, phase: "before", startedAt, endedAt: 0, status: "network", success: false };
    try {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        body,
        redirect: "manual",
        headers: { "x-forwarded-for": ip, origin: base },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      outcome.status = response.status;
      const location = response.headers.get("location") ?? "";
      // Next answers a server-action redirect with an absolute Location on this server.
      const target = location ? new URL(location, base) : null;
      const to = target?.origin === base ? target.pathname : null;
      outcome.detail = `${response.status} ${location || "-"} [${response.headers.getSetCookie().map((c) => c.split("=")[0]).join(",")}]`;
      if (kind === "login") {
        // Success: the session cookie and a redirect into the member area. A failure answers
        // a redirect back to /login (with its message), or 500, and sets no session.
        const token = cookieValue(response, SESSION_COOKIE);
        if (response.status === 303 && (to === "/" || to === "/terms") && token) {
          const claims = await decode({ token, secret: AUTH_SECRET, salt: SESSION_COOKIE });
          outcome.success = typeof claims?.sid === "string";
          outcome.proof = claims?.sid as string | undefined;
        }
      } else {
        const token = cookieValue(response, "signup");
        outcome.success = response.status === 303 && to === "/signup/account" && !!token;
        outcome.proof = token ?? undefined;
      }
    } catch (error) {
      outcome.status = (error as Error).name === "TimeoutError" ? "timeout" : "network";
    }
    outcome.endedAt = Date.now();
    outcome.phase = phaseOf(outcome);
    outcomes.push(outcome);
    return outcome;
  }

  async function loginClient(client: number) {
    const member = loginMembers[client];
    const ip = `10.201.${client}.${crypto.randomInt(1, 255)}`;
    while (!stopping) {
      const o = await post("login", client, member.id, "/login/submit", { userId: member.user_id, password: PASSWORD }, ip);
      if (!o.success) await pause(RETRY_PAUSE_MS);
    }
  }

  const exhausted: number[] = [];
  async function matchClient(client: number) {
    const rows = matchRows.slice(client * ROWS_PER_MATCH_CLIENT, (client + 1) * ROWS_PER_MATCH_CLIENT);
    const ip = `10.202.${client}.${crypto.randomInt(1, 255)}`;
    for (const row of rows) {
      if (stopping) return;
      const person = { insurerCode: "jkc", symbol: "91", number: row.number, birthDate: BIRTH, kanaName: KANA };
      const o = await post("match", client, row.id, "/signup", { ...signupFields, ...person }, ip);
      if (!o.success) await pause(RETRY_PAUSE_MS);
    }
    exhausted.push(client);
  }

  const health: { at: number; endedAt: number; status: number | "timeout" | "network" }[] = [];
  async function healthPoller() {
    while (!stopping) {
      const at = Date.now();
      const status = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
        .then(async (r) => (await r.arrayBuffer(), r.status))
        .catch((e: Error) => (e.name === "TimeoutError" ? ("timeout" as const) : ("network" as const)));
      health.push({ at, endedAt: Date.now(), status });
      await pause(100);
    }
  }

  const clients = Promise.all([
    ...[0, 1, 2, 3].map(loginClient),
    ...[0, 1, 2, 3].map(matchClient),
    healthPoller(),
  ]);
  let recovery: Record<"healthMs" | "loginMs" | "matchMs", number | null> = { healthMs: null, loginMs: null, matchMs: null };
  try {
    // --- Traffic, then the outage. Each phase lasts PHASE_MS, and longer on a slow machine until
    // it has shown what it is for: a success from every client before, and health answers while down.
    await phase(PHASE_MS, () => [0, 1, 2, 3].every((c) => (["login", "match"] as const).every((k) => outcomes.some((o) => o.kind === k && o.client === c && o.success))));
    marks.stopIssued = Date.now();
    await pg.stop();
    marks.down = Date.now();
    await phase(PHASE_MS, () => health.filter((h) => h.at >= marks.down).length >= 2);
    marks.startIssued = Date.now();
    await pg.start();
    marks.up = Date.now();

    // --- Recovery: the first 200 from /api/health and the first successful login and match
    // answered after the database accepts connections again.
    const firstAfter = (pick: () => number[]) => {
      const times = pick().filter((t) => t >= marks.up);
      return times.length ? Math.min(...times) - marks.up : null;
    };
    const measure = () => ({
      healthMs: firstAfter(() => health.filter((h) => h.status === 200).map((h) => h.endedAt)),
      loginMs: firstAfter(() => outcomes.filter((o) => o.kind === "login" && o.success).map((o) => o.endedAt)),
      matchMs: firstAfter(() => outcomes.filter((o) => o.kind === "match" && o.success).map((o) => o.endedAt)),
    });
    // Figures first, assertions after, so a failed run still prints what happened.
    const deadline = marks.up + RECOVERY_LIMIT_MS + 5_000;
    while (Object.values(measure()).some((v) => v === null) && Date.now() < deadline) await pause(100);
    recovery = measure();
    await pause(PHASE_MS);
  } finally {
    stopping = true;
    await clients;
  }
  const trafficEnded = Date.now();
  expect(server.running(), "the same server process served throughout").toBe(true);

  // --- The figures.
  const summary = (kind: Kind, only?: Phase) => {
    const list = outcomes.filter((o) => o.kind === kind && (!only || o.phase === only));
    return { requests: list.length, successes: list.filter((o) => o.success).length, errors: tally(list.filter((o) => !o.success).map((o) => String(o.status))) };
  };
  const byPhase = (kind: Kind) => Object.fromEntries((["before", "down", "after"] as const).map((p) => [p, summary(kind, p)]));
  const healthWhileDown = health.filter((h) => h.at >= marks.down && h.endedAt <= marks.startIssued);
  const seconds = (ms: number) => Math.round(ms) / 1000;
  const figures = {
    // The machine is shared (2 cores): the figures mean little without its load.
    load_avg_1m: Math.round(os.loadavg()[0] * 10) / 10,
    setup_seconds: setupSeconds,
    traffic_seconds: seconds(trafficEnded - marks.trafficStarted),
    stop_seconds: seconds(marks.down - marks.stopIssued),
    down_seconds: seconds(marks.startIssued - marks.down),
    start_seconds: seconds(marks.up - marks.startIssued),
    recovery_health_seconds: recovery.healthMs === null ? "none" : seconds(recovery.healthMs),
    recovery_login_seconds: recovery.loginMs === null ? "none" : seconds(recovery.loginMs),
    recovery_match_seconds: recovery.matchMs === null ? "none" : seconds(recovery.matchMs),
    login: byPhase("login"),
    match: byPhase("match"),
    health_while_down: { polls: healthWhileDown.length, statuses: [...new Set(healthWhileDown.map((h) => h.status))] },
    // What the failures answered, e.g. "login down 200 - []": the form again with a message, no cookie.
    failures: tally(outcomes.filter((o) => !o.success).map((o) => `${o.kind} ${o.phase} ${o.detail ?? o.status}`)),
    unanswered: outcomes
      .filter((o) => o.status === "timeout" || o.status === "network")
      .map((o) => `${o.kind}#${o.client} ${o.status}, started ${o.startedAt - marks.stopIssued} ms after the stop was issued`),
    slowest_request_ms: Math.max(...outcomes.map((o) => o.endedAt - o.startedAt)),
  };
  console.log(`database restart: ${JSON.stringify(figures, null, 2)}`);
  const serverLog = testInfo.outputPath("server-output.log");
  fs.writeFileSync(serverLog, server.output());
  await testInfo.attach("server-output.log", { path: serverLog, contentType: "text/plain" });

  // --- While down: health said 503, and nothing hung.
  expect(healthWhileDown.length, "health was polled while the database was down").toBeGreaterThan(0);
  expect(healthWhileDown.map((h) => h.status).filter((s) => s !== 503), "health while the database was down").toEqual([]);
  expect(figures.unanswered, "requests that were not answered").toEqual([]);
  expect(exhausted, "sign-up clients that ran out of roster rows").toEqual([]);
  // Both kinds worked before and after the restart (otherwise the check below proves nothing).
  for (const kind of ["login", "match"] as const) {
    expect(summary(kind, "before").successes, `${kind} successes before the restart`).toBeGreaterThan(0);
    expect(summary(kind, "after").successes, `${kind} successes after the restart`).toBeGreaterThan(0);
  }
  expect(recovery.healthMs, "ms from database up to the first 200 from /api/health").not.toBeNull();
  expect(recovery.healthMs!, "ms from database up to the first 200 from /api/health").toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
  expect(recovery.loginMs, "ms from database up to the first successful login").not.toBeNull();
  expect(recovery.loginMs!, "ms from database up to the first successful login").toBeLessThanOrEqual(RECOVERY_LIMIT_MS);

  // --- Every success is in the database.
  const logins = outcomes.filter((o) => o.kind === "login" && o.success);
  const sessions = await db<{ id: string; member_id: number }[]>`select id, member_id from sessions where member_id in ${db(loginMembers.map((m) => m.id))}`;
  const sessionOf = new Map(sessions.map((s) => [s.id, Number(s.member_id)]));
  expect(logins.filter((o) => sessionOf.get(o.proof!) !== o.subject).map((o) => `${o.phase}@${o.startedAt - marks.trafficStarted}ms`), "logins answered as success without their session row").toEqual([]);
  for (const member of loginMembers) {
    const stored = sessions.filter((s) => Number(s.member_id) === member.id).length;
    expect(stored, `sessions of member ${member.user_id}`).toBeGreaterThanOrEqual(logins.filter((o) => o.subject === member.id).length);
  }
  const matches = outcomes.filter((o) => o.kind === "match" && o.success);
  const hashes = matches.map((o) => crypto.createHash("sha256").update(o.proof!).digest("hex"));
  const requests = await db<{ token_hash: string; roster_entry_id: number }[]>`select token_hash, roster_entry_id from signup_requests where token_hash in ${db(hashes)}`;
  const requestOf = new Map(requests.map((r) => [r.token_hash, Number(r.roster_entry_id)]));
  expect(matches.filter((o, i) => requestOf.get(hashes[i]) !== o.subject).map((o) => `${o.phase}@${o.startedAt - marks.trafficStarted}ms`), "matches answered as success without their signup_requests row").toEqual([]);

  if (!process.env.CI) {
    const flat = (kind: Kind) => Object.fromEntries(Object.entries(figures[kind]).flatMap(([phase, s]) => [[`${kind}_${phase}_requests`, s.requests], [`${kind}_${phase}_successes`, s.successes]]));
    writeResults("faults.database_restart", {
      clients: 8,
      load_avg_1m: figures.load_avg_1m,
      ...flat("login"),
      ...flat("match"),
      login_errors_by_status: JSON.stringify(summary("login").errors),
      match_errors_by_status: JSON.stringify(summary("match").errors),
      down_seconds: figures.down_seconds,
      health_polls_while_down: healthWhileDown.length,
      recovery_health_seconds: figures.recovery_health_seconds,
      recovery_login_seconds: figures.recovery_login_seconds,
      recovery_match_seconds: figures.recovery_match_seconds,
      slowest_request_ms: figures.slowest_request_ms,
    });
  }
});
