// The progress counters (survey_progress_counts) and survey_responses.has_account, kept by the
// triggers of migration survey_progress_triggers, on both databases: after a mixed sequence of
// everything that writes responses or accounts, and under many writes at once with some rolled
// back, they equal counting the rows directly (the join with the open accounts they replace).
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbOrTx } from "@/db/connect";
import { members, surveyResponses, surveyTargets } from "@/db/schema";
import { createRosterEntry } from "@/db/seed/factories";
import { testClock } from "@/lib/clock";
import { addTarget, closeSurvey, createDraftSurvey, findSurvey, openDraftSurvey, removeTarget } from "@/lib/survey/admin-surveys";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { createNextYearSurvey } from "@/lib/survey/next-year";
import { progressCounts, progressList, progressParams, type ProgressCounts } from "@/lib/survey/progress";
import { previewReminderRound } from "@/lib/survey/reminders";
import { reopenCase } from "@/lib/survey/reopen";
import { approveResponse, returnResponse } from "@/lib/survey/review";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { RESPONSE_STATUSES, type ResponseStatus } from "@/lib/survey/status";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase, openTestDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const NOW = "2026-12-05T03:00:00Z";
const student = { continuation: "continue", occupation: "student", annualIncome: 300_000, incomeKinds: ["salary"], residence: "together" } as const;
const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]));

/** The counts the slow way: every live response joined with the person's open account. */
async function recount(db: DbOrTx, surveyId: number): Promise<ProgressCounts> {
  const found = rows<{ status: string; n: number; no_account: number }>(
    await db.execute(sql`
      select r.status, count(*)::int as n,
        count(*) filter (where not exists (select 1 from members m where m.roster_entry_id = r.insured_entry_id and m.disabled_at is null and m.closed_at is null))::int as no_account
      from survey_responses r where r.survey_id = ${surveyId} and r.removed_at is null group by 1`),
  );
  const byStatus = Object.fromEntries(RESPONSE_STATUSES.map((s) => [s, 0])) as Record<ResponseStatus, number>;
  for (const r of found) byStatus[r.status as ResponseStatus] = Number(r.n);
  return { total: found.reduce((a, r) => a + Number(r.n), 0), byStatus, noAccount: found.reduce((a, r) => a + Number(r.no_account), 0) };
}

/** Responses (of any survey) whose has_account disagrees with the accounts. */
async function wrongFlags(db: DbOrTx): Promise<number> {
  const [r] = rows<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from survey_responses r
      where r.has_account <> exists (select 1 from members m where m.roster_entry_id = r.insured_entry_id and m.disabled_at is null and m.closed_at is null)`),
  );
  return Number(r.n);
}

/** survey_day_counts against counting the submissions and approvals per Japan day. */
async function dayCountsAgree(db: DbOrTx, surveyId: number): Promise<{ kept: unknown[]; counted: unknown[] }> {
  const kept = rows(
    await db.execute(sql`
      select to_char(day, 'YYYY-MM-DD') as day, submitted, approved from survey_day_counts
      where survey_id = ${surveyId} and (submitted <> 0 or approved <> 0) order by day`),
  );
  const counted = rows(
    await db.execute(sql`
      select to_char(day, 'YYYY-MM-DD') as day, sum(s)::int as submitted, sum(a)::int as approved from (
        select (submitted_at at time zone 'Asia/Tokyo')::date as day, 1 as s, 0 as a from survey_responses where survey_id = ${surveyId} and submitted_at is not null and removed_at is null
        union all
        select (approved_at at time zone 'Asia/Tokyo')::date, 0, 1 from survey_responses where survey_id = ${surveyId} and approved_at is not null and removed_at is null) x
      group by 1 order by 1`),
  );
  return { kept, counted };
}

describeEachDatabase("survey progress counters", (t) => {
  async function expectExact(surveyId: number, expected?: Partial<ProgressCounts>) {
    const counts = await progressCounts(t.db, surveyId);
    expect(counts).toEqual(await recount(t.db, surveyId));
    if (expected) expect(counts).toMatchObject(expected);
    expect(await wrongFlags(t.db)).toBe(0);
    const days = await dayCountsAgree(t.db, surveyId);
    expect(days.kept).toEqual(days.counted);
    // The 「アカウント未登録」 list agrees with the count (its total counted, not read off the counters).
    expect((await progressList(t.db, surveyId, progressParams.parse({ status: "no_account" }))).total).toBe(counts.noAccount);
    return counts;
  }

  it("equal a recount after opening, sign-ups, saves, submits, send-back, approval, disabling, targets changed, reopening and the next-year reset", async () => {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fams = [];
    for (let i = 0; i < 4; i++) fams.push(await createFamily(t.db, clock, union.id, [{ birthDate: "2006-04-02", relationship: "子" }]));
    // Two households without an account; one signs up while the survey is open.
    const paper = [];
    for (const number of ["81", "82"]) {
      const insured = await createRosterEntry(t.db, { unionId: union.id, symbol: "9101", number, branch: "00", isInsured: true, relationship: "本人" });
      await createRosterEntry(t.db, { unionId: union.id, symbol: "9101", number, branch: "01", relationship: "子", birthDate: "2015-05-05" });
      paper.push(insured);
    }
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "調査", opensOn: "2026-12-05", closesOn: "2027-01-31", reminderDates: ["2026-12-20"] });
    if (!made.ok) throw new Error(made.message);
    await expectExact(made.survey.id, { total: 0 });
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    await expectExact(made.survey.id, { total: 6, noAccount: 2, byStatus: { not_started: 6, in_progress: 0, submitted: 0, returned: 0, approved: 0 } });

    // A sign-up during the survey.
    const [late] = await t.db.insert(members).values({ unionId: union.id, rosterEntryId: paper[0].id, userId: `late_${union.id}`, email: `late${union.id}@example.jp`, passwordHash: "x" }).returning();
    await expectExact(made.survey.id, { noAccount: 1 });

    // Saves, submits, a send-back and an approval.
    for (const f of fams) await saveAnswers(t.db, clock, f.ref, { dependentEntryId: f.dependents[0].id, answers: { ...student, incomeKinds: ["salary"] }, rosterCorrection: null });
    await expectExact(made.survey.id, { byStatus: { not_started: 2, in_progress: 4, submitted: 0, returned: 0, approved: 0 } });
    for (const f of fams.slice(0, 3)) {
      await setDocumentsRead(t.db, clock, f.ref, true);
      const s = (await loadMemberSurvey(t.db, clock, f.ref))!;
      expect((await submitResponse(t.db, clock, f.ref, { version: s.response.version })).ok).toBe(true);
    }
    const responseOf = async (f: Awaited<ReturnType<typeof createFamily>>) => (await loadMemberSurvey(t.db, clock, f.ref))!.response;
    expect(await returnResponse(t.db, clock, { responseId: (await responseOf(fams[1])).id, reason: "書類が不足しています" })).toEqual({ ok: true });
    // Approved the next day: the chart's days move apart.
    clock.set("2026-12-06T03:00:00Z");
    expect(await approveResponse(t.db, clock, { responseId: (await responseOf(fams[0])).id })).toEqual({ ok: true });
    expect((await dayCountsAgree(t.db, made.survey.id)).kept).toEqual([
      { day: "2026-12-05", submitted: 3, approved: 0 },
      { day: "2026-12-06", submitted: 0, approved: 1 },
    ]);
    // A save that changes no status (answers again) leaves the counts as they are.
    await saveAnswers(t.db, clock, fams[3].ref, { dependentEntryId: fams[3].dependents[0].id, answers: { ...student, incomeKinds: ["salary"], annualIncome: 310_000 }, rosterCorrection: null });
    await expectExact(made.survey.id, { total: 6, noAccount: 1, byStatus: { not_started: 2, in_progress: 1, submitted: 1, returned: 1, approved: 1 } });

    // Disabled and enabled again; closed by hand.
    await t.db.update(members).set({ disabledAt: clock.now() }).where(eq(members.id, fams[2].member.id));
    await expectExact(made.survey.id, { noAccount: 2 });
    await t.db.update(members).set({ disabledAt: null }).where(eq(members.id, fams[2].member.id));
    await expectExact(made.survey.id, { noAccount: 1 });
    // A login touches the account without changing whether it is open.
    await t.db.update(members).set({ lastLoginAt: clock.now() }).where(eq(members.unionId, union.id));
    await expectExact(made.survey.id, { noAccount: 1 });

    // Targets changed after opening: a new household in, then out and in again; a household out.
    const extra = await createRosterEntry(t.db, { unionId: union.id, symbol: "9101", number: "83", branch: "00", isInsured: true, relationship: "本人" });
    const extraDep = await createRosterEntry(t.db, { unionId: union.id, symbol: "9101", number: "83", branch: "01", relationship: "子", birthDate: "2016-06-06" });
    const add = { symbol: "9101", number: "83", branch: "01", reason: "出生後の追加" };
    expect(await addTarget(t.db, clock, scope, made.survey.id, add)).toMatchObject({ ok: true });
    await expectExact(made.survey.id, { total: 7, noAccount: 2 });
    const [extraTarget] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, made.survey.id), eq(surveyTargets.rosterEntryId, extraDep.id)));
    expect(await removeTarget(t.db, clock, scope, made.survey.id, { targetId: extraTarget.id, reason: "誤って追加" })).toEqual({ ok: true });
    await expectExact(made.survey.id, { total: 6, noAccount: 1 });
    expect(await addTarget(t.db, clock, scope, made.survey.id, add)).toMatchObject({ ok: true });
    await expectExact(made.survey.id, { total: 7, noAccount: 2 });
    const [returnedTarget] = await t.db.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, made.survey.id), eq(surveyTargets.insuredEntryId, fams[1].rosterEntry.id)));
    expect(await removeTarget(t.db, clock, scope, made.survey.id, { targetId: returnedTarget.id, reason: "資格喪失" })).toEqual({ ok: true });
    await expectExact(made.survey.id, { total: 6, byStatus: { not_started: 3, in_progress: 1, submitted: 1, returned: 0, approved: 1 } });
    // The reminder preview reads the counters: the unsubmitted households with an account.
    expect(await previewReminderRound(t.db, (await findSurvey(t.db, scope, made.survey.id))!, new Date("2026-12-20T01:00:00Z"))).toBe(2);
    void extra;

    // Closed, one case reopened (no count moves), then the next year with a reset of every account.
    clock.set("2027-02-10T00:00:00Z");
    expect(await closeSurvey(t.db, clock, scope, made.survey.id)).toEqual({ ok: true });
    const submitted = await responseOf(fams[2]);
    expect(await reopenCase(t.db, clock, scope, { surveyId: made.survey.id, responseId: submitted.id, until: "2027-02-20", reason: "書類の再提出" })).toMatchObject({ ok: true });
    await expectExact(made.survey.id, { total: 6, noAccount: 2 });
    const next = await createNextYearSurvey(t.db, clock, scope, made.survey.id, { title: "令和9年度", opensOn: "2027-12-01", closesOn: "2028-01-31", accounts: "reset", reason: "年度替わり", confirmed: true });
    if (!next.ok) throw new Error(next.message);
    expect(next.closedAccounts).toBe(5);
    // The old survey's households have no open account any more.
    await expectExact(made.survey.id, { total: 6, noAccount: 6 });
    clock.set("2027-12-01T00:00:00Z");
    expect(await openDraftSurvey(t.db, clock, scope, next.survey.id)).toMatchObject({ ok: true });
    await expectExact(next.survey.id, { total: 7, noAccount: 7 });
    // Signing up again counts in both years, as the join did.
    await t.db.insert(members).values({ unionId: union.id, rosterEntryId: fams[0].rosterEntry.id, userId: `again_${union.id}`, email: `again${union.id}@example.jp`, passwordHash: "x" });
    await expectExact(next.survey.id, { total: 7, noAccount: 6 });
    await expectExact(made.survey.id, { total: 6, noAccount: 5 });
    // Deleting an account (a cleanup script) and responses moves them too.
    await t.db.delete(members).where(eq(members.id, late.id));
    await expectExact(next.survey.id, { noAccount: 6 });
    await t.db.delete(surveyResponses).where(and(eq(surveyResponses.surveyId, next.survey.id), eq(surveyResponses.insuredEntryId, extra.id)));
    await expectExact(next.survey.id, { total: 6, noAccount: 5 });
  });

  it("stay exact under many writes at once, counting committed transactions only", async () => {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    const fams = [];
    for (let i = 0; i < 12; i++) fams.push(await createFamily(t.db, clock, union.id, [{ birthDate: "2006-04-02", relationship: "子" }]));
    const paper = [];
    for (let i = 0; i < 12; i++) {
      const insured = await createRosterEntry(t.db, { unionId: union.id, symbol: "9201", number: `p${i}`, branch: "00", isInsured: true, relationship: "本人" });
      await createRosterEntry(t.db, { unionId: union.id, symbol: "9201", number: `p${i}`, branch: "01", relationship: "子", birthDate: "2015-05-05" });
      paper.push(insured);
    }
    // Households that join the survey while it runs, some of whom sign up at the same moment.
    const joining = [];
    for (let i = 0; i < 8; i++) {
      // No dependent yet when the survey opens: their responses are made by the jobs below.
      joining.push(await createRosterEntry(t.db, { unionId: union.id, symbol: "9202", number: `j${i}`, branch: "00", isInsured: true, relationship: "本人" }));
    }
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "並行", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    await expectExact(made.survey.id, { total: 24, noAccount: 12 });
    const responseIds = new Map(
      (await t.db.select({ id: surveyResponses.id, insured: surveyResponses.insuredEntryId }).from(surveyResponses).where(eq(surveyResponses.surveyId, made.survey.id))).map((r) => [r.insured, r.id]),
    );
    const statuses = ["in_progress", "submitted", "returned", "approved", "not_started"] as const;
    // Each job is one transaction; every fourth throws after its writes and rolls back.
    const jobs: ((tx: DbOrTx) => Promise<unknown>)[] = [
      // Submissions and approvals over three Japan days (15:00 UTC is midnight in Japan).
      ...fams.map((f, i) => (tx: DbOrTx) => {
        const status = statuses[i % 5];
        const at = new Date(Date.parse("2026-12-05T14:30:00Z") + (i % 3) * 12 * 3600_000);
        return tx
          .update(surveyResponses)
          .set({ status, updatedAt: clock.now(), submittedAt: status === "submitted" || status === "approved" || status === "returned" ? at : null, approvedAt: status === "approved" ? at : null })
          .where(eq(surveyResponses.id, responseIds.get(f.rosterEntry.id)!));
      }),
      ...fams.slice(0, 6).map((f) => (tx: DbOrTx) => tx.update(members).set({ disabledAt: clock.now() }).where(eq(members.id, f.member.id))),
      ...paper.map((p, i) => (tx: DbOrTx) => tx.insert(members).values({ unionId: union.id, rosterEntryId: p.id, userId: `par_${union.id}_${i}`, email: `par${i}@example.jp`, passwordHash: "x" })),
      ...paper.map((p, i) => (tx: DbOrTx) => tx.update(surveyResponses).set({ status: statuses[(i + 2) % 5] }).where(eq(surveyResponses.id, responseIds.get(p.id)!))),
      ...joining.map((j) => (tx: DbOrTx) => tx.execute(sql`insert into survey_responses (survey_id, insured_entry_id) values (${made.survey.id}, ${j.id})`)),
      ...joining.slice(0, 6).map((j, i) => (tx: DbOrTx) => tx.insert(members).values({ unionId: union.id, rosterEntryId: j.id, userId: `join_${union.id}_${i}`, email: `join${i}@example.jp`, passwordHash: "x" })),
      ...fams.slice(6, 9).map((f) => (tx: DbOrTx) => tx.update(surveyResponses).set({ removedAt: clock.now() }).where(eq(surveyResponses.id, responseIds.get(f.rosterEntry.id)!))),
    ];
    const results = await Promise.allSettled(
      jobs.map((job, i) =>
        t.db.transaction(async (tx) => {
          await job(tx);
          if (i % 4 === 3) throw new Error("rolled back");
        }),
      ),
    );
    const failed = results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason));
    expect(failed.every((e) => e.includes("rolled back"))).toBe(true);
    expect(failed).toHaveLength(Math.floor(jobs.length / 4));
    const counts = await expectExact(made.survey.id);
    expect(counts.total).toBeGreaterThan(24);
  });
});

// Two transactions at once need two connections: PostgreSQL only (PGlite has one).
describe("survey progress counters, a sign-up racing a new response [postgres]", () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  const t = {
    get db() {
      return opened!.handle.db;
    },
    get url() {
      return opened!.url;
    },
  };
  beforeAll(async () => {
    opened = await openTestDatabase("postgres");
  });
  afterAll(async () => {
    await opened?.drop();
  });
  const expectExact = async (surveyId: number, expected: Partial<ProgressCounts>) => {
    const counts = await progressCounts(t.db, surveyId);
    expect(counts).toEqual(await recount(t.db, surveyId));
    expect(counts).toMatchObject(expected);
    expect(await wrongFlags(t.db)).toBe(0);
  };

  it("a response made while its person signs up in another transaction sees the account, in either order", async () => {
    const clock = testClock(NOW);
    const { union, scope } = await unionWithAdmin(t.db);
    // One household with an account, so that the survey can open.
    await createFamily(t.db, clock, union.id, [{ birthDate: "2006-04-02", relationship: "子" }]);
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "競合", opensOn: "2026-12-05", closesOn: "2027-01-31" });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    const client = postgres(t.url!, { max: 3, onnotice: () => {} });
    try {
      const waiting = async () => {
        // Poll until the second transaction waits on a row lock.
        for (let i = 0; i < 200; i++) {
          const [r] = await client`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
          if (r.n > 0) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
        throw new Error("no transaction waits on a lock");
      };
      for (const order of ["response first", "sign-up first"] as const) {
        const person = await createRosterEntry(t.db, { unionId: union.id, symbol: "9301", number: order === "response first" ? "r1" : "s1", branch: "00", isInsured: true, relationship: "本人" });
        const first = await client.reserve();
        const second = await client.reserve();
        const insertResponse = (c: postgres.ReservedSql) => c`insert into survey_responses (survey_id, insured_entry_id) values (${made.survey.id}, ${person.id})`;
        const signUp = (c: postgres.ReservedSql) => c`insert into members (union_id, roster_entry_id, user_id, email, password_hash) values (${union.id}, ${person.id}, ${`race_${person.id}`}, ${`race${person.id}@example.jp`}, 'x')`;
        await first`begin`;
        await (order === "response first" ? insertResponse(first) : signUp(first));
        await second`begin`;
        const pending = (order === "response first" ? signUp(second) : insertResponse(second)).execute();
        await waiting();
        await first`commit`;
        await pending;
        await second`commit`;
        first.release();
        second.release();
        const [r] = await t.db.select({ hasAccount: surveyResponses.hasAccount }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, made.survey.id), eq(surveyResponses.insuredEntryId, person.id)));
        expect(r.hasAccount, order).toBe(true);
      }
      await expectExact(made.survey.id, { total: 3, noAccount: 0 });
    } finally {
      await client.end();
    }
  });
});
