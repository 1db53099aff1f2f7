// npm run bench -- survey [--insured 100000] [--requests 40]
//
// The union's survey screens at scale, on PostgreSQL: `--insured` insured persons with 2 or 3
// dependents each (100,000 → 250,000 targets), 70 % with an account, responses spread over the
// statuses with submissions and approvals over 30 days. Bulk-loaded with generate_series.
// 1. progress page p95: GET /admin/surveys/ID (counts, chart, first page of the list, reminder
//    preview) over HTTP with a signed-in operator, on the production build. Without a build, the
//    same data functions in-process (`progress_over_http: 0` says so).
// 2. CSV export: GET /admin/surveys.csv?survey=ID streamed to the end: rows/s and the server's peak
//    RSS (in-process without a build).
// 3. the reminder run: sendReminders() on a reminder date, mails queued per second.
// EXPLAIN (ANALYZE) of the no-account list (and of the join the counters replace) is printed at the end.
import os from "node:os";
import { parseArgs } from "node:util";
import type postgres from "postgres";
import { migrateDb, openDb } from "../db/connect";
import { admins, surveys, termsVersions, unions } from "../db/schema";
import { csvStream } from "../lib/admin/csv";
import { adminCookieName, openAdminSession } from "../lib/admin/sessions";
import { systemClock, testClock } from "../lib/clock";
import { SURVEY_HEADER, surveyRows } from "../lib/survey/export";
import { progressByDay, progressCounts, progressList, progressParams } from "../lib/survey/progress";
import { previewReminderRound, sendReminders } from "../lib/survey/reminders";
import { writeResults } from "./results-file";
import { percentile, productionBuild, round, sampleRss, scratchDatabase, serverEnv, startServer, type Server } from "./support";

async function seed(sql: postgres.Sql, unionId: number, surveyId: number, insured: number) {
  const t = performance.now();
  await sql`
    insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    select ${unionId}, lpad((i / 1000)::text, 4, '0'), i::text, '00', '健保 太郎' || i, 'ケンポ タロウ' || i, 'ケンホタロウ' || i, date '1960-01-01' + (i % 12000), '本人', true
    from generate_series(1, ${insured}) i`;
  await sql`
    insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    select ${unionId}, lpad((i / 1000)::text, 4, '0'), i::text, lpad(b::text, 2, '0'), '健保 花子' || i || '-' || b, 'ケンポ ハナコ' || i, 'ケンホハナコ' || i,
      date '1990-01-01' + ((i * b) % 9000), case b when 1 then '妻' else '子' end, false
    from generate_series(1, ${insured}) i cross join generate_series(1, 3) b where b <= 2 + (i % 2)`;
  await sql`
    insert into members (union_id, roster_entry_id, user_id, email, password_hash)
    select union_id, id, 'u' || id, 'u' || id || '@example.jp', 'x' from roster_entries where union_id = ${unionId} and is_insured and id % 10 < 7`;
  await sql`
    insert into survey_targets (survey_id, roster_entry_id, insured_entry_id, added_by)
    select ${surveyId}, d.id, i.id, 'rule' from roster_entries d
    join roster_entries i on i.union_id = d.union_id and i.symbol = d.symbol and i.number = d.number and i.branch = '00'
    where d.union_id = ${unionId} and d.branch <> '00'`;
  // Statuses by id: 35 % not started, 20 % in progress, 5 % returned, 25 % submitted, 15 % approved;
  // submissions over the first 30 days of the window, approvals a few days later.
  await sql`
    insert into survey_responses (survey_id, insured_entry_id, member_id, status, submitted_at, approved_at)
    select ${surveyId}, i.id, m.id, s.status,
      case when s.status in ('submitted', 'approved') then timestamptz '2026-12-01 09:00+09' + (i.id % 30) * interval '1 day' end,
      case when s.status = 'approved' then timestamptz '2026-12-04 09:00+09' + (i.id % 27) * interval '1 day' end
    from roster_entries i left join members m on m.roster_entry_id = i.id
    cross join lateral (select case when i.id % 20 < 7 then 'not_started' when i.id % 20 < 11 then 'in_progress' when i.id % 20 < 12 then 'returned' when i.id % 20 < 17 then 'submitted' else 'approved' end as status) s
    where i.union_id = ${unionId} and i.is_insured`;
  // As autovacuum leaves the tables: statistics, and the visibility map that index-only scans need.
  await sql`vacuum analyze`;
  return (performance.now() - t) / 1000;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { insured: { type: "string", default: "100000" }, requests: { type: "string", default: "40" } } });
  const insured = Number(values.insured);
  const requests = Number(values.requests);
  const build = productionBuild();
  const scratch = await scratchDatabase("survey");
  const handle = await openDb({ url: scratch.url, max: 4 });
  let server: Server | undefined;
  try {
    await migrateDb(handle);
    const db = handle.db;
    const sql = (db as unknown as { $client: postgres.Sql }).$client;
    const [union] = await db.insert(unions).values({ code: "benchsurvey", name: "ベンチ健康保険組合" }).returning();
    await db.insert(termsVersions).values({ unionId: union.id, version: 1, title: "規約", body: "第1条" });
    const [admin] = await db.insert(admins).values({ loginId: "bench_operator", email: "bench@example.jp", passwordHash: "x", totpSecret: "x", role: "operator" }).returning();
    const [survey] = await db
      .insert(surveys)
      .values({ unionId: union.id, fiscalYear: 2026, title: "令和8年度 被扶養者資格調査", opensOn: "2026-12-01", closesOn: "2027-03-31", opensAt: new Date("2026-11-30T15:00:00Z"), closesAt: new Date("2027-03-31T15:00:00Z"), baseDate: "2026-12-01", status: "open", reminderDates: ["2027-01-15"] })
      .returning();
    const seedSeconds = await seed(sql, union.id, survey.id, insured);
    const [{ targets, responses, members }] = await sql`
      select (select count(*)::int from survey_targets) as targets, (select count(*)::int from survey_responses) as responses, (select count(*)::int from members) as members`;
    console.log(`seeded ${insured} insured, ${targets} targets, ${responses} responses, ${members} accounts in ${round(seedSeconds)} s`);
    const now = new Date("2027-01-10T03:00:00Z");

    // Each data function of the page alone (median of 5), to see where the page's time goes.
    const parts: Record<string, number> = {};
    const p0 = progressParams.parse({});
    for (const [name, fn] of [
      ["counts", () => progressCounts(db, survey.id)],
      ["list", async () => progressList(db, survey.id, p0, (await progressCounts(db, survey.id)).total)],
      // As the page calls it: the total read off the counts (filteredTotal), no count query.
      ["list_no_account", async () => progressList(db, survey.id, progressParams.parse({ status: "no_account" }), (await progressCounts(db, survey.id)).noAccount)],
      // With a search the page has no total and counts the matches: this is that count's cost.
      ["list_no_account_counted", () => progressList(db, survey.id, progressParams.parse({ status: "no_account" }))],
      ["reminder_preview", () => previewReminderRound(db, survey, now)],
      ["per_day", () => progressByDay(db, survey, now)],
    ] as const) {
      const ts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s0 = performance.now();
        await fn();
        ts.push(performance.now() - s0);
      }
      parts[`part_${name}_ms`] = round(ts.sort((a, b) => a - b)[2]);
    }
    console.log(parts);

    // 1. The progress page.
    let base = "";
    let cookie = "";
    if (build) {
      server = await startServer(serverEnv(scratch.url));
      base = server.base;
      const { token } = await openAdminSession(db, systemClock, admin, { ip: "127.0.0.1", userAgent: "bench" });
      cookie = `${adminCookieName(true)}=${token}`;
    }
    const pages = [`/admin/surveys/${survey.id}`, `/admin/surveys/${survey.id}?status=not_started&page=40`, `/admin/surveys/${survey.id}?status=no_account`];
    const once = async (i: number) => {
      const s = performance.now();
      if (build) {
        const r = await fetch(`${base}${pages[i % pages.length]}`, { headers: { cookie } });
        if (!r.ok) throw new Error(`progress page HTTP ${r.status}`);
        const html = await r.text();
        if (!html.includes("提出と確認完了の累計")) throw new Error("progress page without its chart");
      } else {
        const p = progressParams.parse(Object.fromEntries(new URLSearchParams(pages[i % pages.length].split("?")[1] ?? "")));
        await Promise.all([progressCounts(db, survey.id), progressList(db, survey.id, p), previewReminderRound(db, survey, now), progressByDay(db, survey, now)]);
      }
      return performance.now() - s;
    };
    for (let i = 0; i < 5; i++) await once(i);
    const times: number[] = [];
    for (let i = 0; i < requests; i++) times.push(await once(i));
    times.sort((a, b) => a - b);
    console.log(`progress page (${build ? "HTTP" : "data functions"}): p50 ${round(percentile(times, 0.5))} ms, p95 ${round(percentile(times, 0.95))} ms`);

    // 2. The CSV export, streamed to the end.
    const rss = build && server?.pid ? sampleRss(server.pid) : sampleRss(process.pid);
    let t = performance.now();
    let bytes = 0;
    let lines = 0;
    const body = build
      ? await fetch(`${base}/admin/surveys.csv?survey=${survey.id}`, { headers: { cookie } }).then((r) => {
          if (!r.ok || !r.body) throw new Error(`export HTTP ${r.status}`);
          return r.body;
        })
      : csvStream(SURVEY_HEADER, surveyRows(db, survey.id), "utf-8");
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 0x0a) lines++;
    }
    const exportSeconds = (performance.now() - t) / 1000;
    const exportRss = rss.stop();
    const exportRows = lines - 1;
    if (exportRows !== targets) throw new Error(`export has ${exportRows} rows, expected ${targets}`);
    console.log(`export: ${exportRows} rows, ${round(bytes / 1e6)} MB in ${round(exportSeconds, 2)} s, peak RSS ${Math.round(exportRss)} MB`);

    // 3. The reminder run on a reminder date.
    t = performance.now();
    const reminded = await sendReminders(db, testClock("2027-01-15T00:30:00Z"));
    const reminderSeconds = (performance.now() - t) / 1000;
    console.log(`reminders: ${reminded.queued} mails queued in ${round(reminderSeconds, 2)} s`);

    // The plans behind the progress page: the 「アカウント未登録」 list's first page (roster order,
    // has_account on the response), and for comparison the join the counters replace.
    for (const [name, query] of [
      ["no_account list", sql`explain (analyze, costs off) select r.id, i.symbol, i.number from survey_responses r join roster_entries i on i.id = r.insured_entry_id where r.survey_id = ${survey.id} and r.removed_at is null and i.union_id = (select s.union_id from surveys s where s.id = ${survey.id}) and i.branch = '00' and r.has_account = false order by i.union_id, i.symbol, i.number, i.branch limit 50`],
      ["counts by join (replaced by survey_progress_counts)", sql`explain (analyze, costs off) select r.status, count(*), count(*) filter (where m.id is null) from survey_responses r left join members m on m.roster_entry_id = r.insured_entry_id and m.disabled_at is null and m.closed_at is null where r.survey_id = ${survey.id} and r.removed_at is null group by r.status`],
    ] as const) {
      const plan = await query;
      console.log(`\nEXPLAIN ${name}:\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }

    const figures = {
      load_avg_1m: round(os.loadavg()[0]),
      insured,
      targets,
      responses,
      accounts: members,
      seed_seconds: round(seedSeconds, 1),
      progress_over_http: build ? 1 : 0,
      progress_p50_ms: round(percentile(times, 0.5)),
      progress_p95_ms: round(percentile(times, 0.95)),
      progress_requests: requests,
      export_rows: exportRows,
      export_seconds: round(exportSeconds, 2),
      export_rows_per_s: Math.round(exportRows / exportSeconds),
      export_peak_rss_mb: Math.round(exportRss),
      export_over_http: build ? 1 : 0,
      reminders_queued: reminded.queued,
      reminders_seconds: round(reminderSeconds, 2),
      reminders_per_s: Math.round(reminded.queued / reminderSeconds),
      ...parts,
    };
    console.log(figures);
    writeResults("survey", figures);
  } finally {
    server?.stop();
    await handle.close();
    await scratch.drop();
  }
}
