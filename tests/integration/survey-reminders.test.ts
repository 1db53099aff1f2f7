// Survey reminders on both databases: on a reminder date, one mail to each member with a target who
// has not submitted; twice in a row and two runs in parallel still give one mail each; nothing on
// other dates; the union's "one round now" with its preview; the cron route wants the secret.
import { and, eq, inArray } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { emailOutbox, surveyMailsSent } from "@/db/schema";
import { systemClock, testClock } from "@/lib/clock";
import { createDraftSurvey, findSurvey, openDraftSurvey } from "@/lib/survey/admin-surveys";
import { loadMemberSurvey } from "@/lib/survey/member-survey";
import { previewReminderRound, sendReminderRoundNow, sendReminders } from "@/lib/survey/reminders";
import { saveAnswers, setDocumentsRead } from "@/lib/survey/save-answers";
import { submitResponse } from "@/lib/survey/submit";
import { todayInJapan } from "@/lib/validation/fields";
import { unionWithAdmin } from "../support/admin-scope";
import { describeEachDatabase } from "../support/databases";
import { createFamily } from "../support/survey-factories";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db", () => ({ getDb: async () => state.db }));
const cron = await import("@/app/api/cron/reminders/route");

const NOW = "2026-12-05T03:00:00Z"; // 12:00 JST, 2026-12-05

describeEachDatabase("survey reminders", (t) => {
  afterEach(() => vi.unstubAllEnvs());

  async function setup(opts: { opensOn: string; closesOn: string; reminderDates: string[] }, clock = testClock(NOW)) {
    const { union, scope } = await unionWithAdmin(t.db);
    const fams = [];
    for (let i = 0; i < 3; i++) fams.push(await createFamily(t.db, clock, union.id, [{ birthDate: "2006-04-02", relationship: "子" }]));
    const made = await createDraftSurvey(t.db, clock, scope, { unionId: union.id, title: "令和8年度 被扶養者資格調査", ...opts });
    if (!made.ok) throw new Error(made.message);
    await openDraftSurvey(t.db, clock, scope, made.survey.id);
    // fams[0] submits: no reminder for them.
    const f = fams[0];
    await saveAnswers(t.db, clock, f.ref, { dependentEntryId: f.dependents[0].id, answers: { continuation: "continue", occupation: "student", annualIncome: 300_000, incomeKinds: ["salary"], residence: "together" }, rosterCorrection: null });
    await setDocumentsRead(t.db, clock, f.ref, true);
    const s = (await loadMemberSurvey(t.db, clock, f.ref))!;
    expect((await submitResponse(t.db, clock, f.ref, { version: s.response.version })).ok).toBe(true);
    return { clock, union, scope, fams, surveyId: made.survey.id };
  }

  const reminderMails = (emails: string[]) => t.db.select().from(emailOutbox).where(and(inArray(emailOutbox.toAddress, emails), eq(emailOutbox.template, "survey-reminder")));

  it("sends one reminder per member who has not submitted, on the reminder date only, also when run twice and in parallel", async () => {
    const { clock, fams, surveyId } = await setup({ opensOn: "2026-12-01", closesOn: "2027-01-31", reminderDates: ["2026-12-06", "2026-12-20"] });
    const emails = fams.map((f) => f.email);
    expect(await sendReminders(t.db, clock, { surveyId })).toEqual({ surveys: 0, queued: 0 });
    clock.advance(86_400_000); // 2026-12-06 JST
    const parallel = await Promise.all([sendReminders(t.db, clock, { surveyId }), sendReminders(t.db, clock, { surveyId })]);
    expect(parallel.reduce((n, r) => n + r.queued, 0)).toBe(2);
    expect(await sendReminders(t.db, clock, { surveyId })).toEqual({ surveys: 1, queued: 0 });
    const mails = await reminderMails(emails);
    expect(mails.map((m) => m.toAddress).sort()).toEqual([fams[1].email, fams[2].email].sort());
    expect(await t.db.select().from(surveyMailsSent).where(and(eq(surveyMailsSent.surveyId, surveyId), eq(surveyMailsSent.kind, "reminder")))).toHaveLength(2);
    // The next reminder date is a new round.
    clock.advance(14 * 86_400_000); // 2026-12-20 JST
    const again = await Promise.all([sendReminders(t.db, clock), sendReminders(t.db, clock)]);
    expect(again.reduce((n, r) => n + r.queued, 0)).toBe(2);
    expect(await reminderMails(emails)).toHaveLength(4);
  });

  it("the union's round now: a preview of the count, then one mail each, and the day's scheduled round adds none", async () => {
    const { clock, scope, fams, surveyId } = await setup({ opensOn: "2026-12-01", closesOn: "2027-01-31", reminderDates: ["2026-12-05"] });
    const survey = (await findSurvey(t.db, scope, surveyId))!;
    expect(await previewReminderRound(t.db, survey, clock.now())).toBe(2);
    expect(await sendReminderRoundNow(t.db, clock, scope, surveyId)).toMatchObject({ ok: true, queued: 2 });
    expect(await previewReminderRound(t.db, survey, clock.now())).toBe(0);
    expect(await sendReminders(t.db, clock, { surveyId })).toEqual({ surveys: 1, queued: 0 });
    expect(await reminderMails(fams.map((f) => f.email))).toHaveLength(2);
    // Another union's admin: not found, nothing sent.
    const other = await unionWithAdmin(t.db);
    clock.advance(86_400_000);
    expect(await sendReminderRoundNow(t.db, clock, other.scope, surveyId)).toEqual({ ok: false, error: "not_found" });
    expect(await reminderMails(fams.map((f) => f.email))).toHaveLength(2);
  });

  it("the cron route wants the secret and queues today's reminders", async () => {
    state.db = t.db;
    const today = todayInJapan(systemClock.now());
    const { fams } = await setup({ opensOn: today, closesOn: "2099-12-31", reminderDates: [today] }, testClock(systemClock.now()));
    vi.stubEnv("CRON_SECRET", "s3cret");
    expect((await cron.GET(new Request("http://localhost/api/cron/reminders"))).status).toBe(401);
    const res = await cron.POST(new Request("http://localhost/api/cron/reminders", { method: "POST", headers: { authorization: "Bearer s3cret" } }));
    expect(res.status).toBe(200);
    expect((await res.json()).queued).toBeGreaterThanOrEqual(2);
    expect(await reminderMails(fams.map((f) => f.email))).toHaveLength(2);
  });
});
