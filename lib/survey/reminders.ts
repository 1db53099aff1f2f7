// Reminder mails (issue 10): on each of a survey's reminder dates (JST), one mail to every member
// with a target who has not submitted (未回答 / 回答中 / 差し戻し), through the outbox. At most once
// per member per reminder date, however many cron calls or workers run at once or in a row: the
// unique key of survey_mails_sent (survey, member, 'reminder', date) decides who gets one.
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { surveys } from "@/db/schema";
import type { AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { todayInJapan } from "../validation/fields";
import { findSurvey, queueSurveyMails, type Survey } from "./admin-surveys";
import { windowPhase } from "./window";

const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]));

export interface ReminderSummary {
  surveys: number;
  queued: number;
}

/** Open surveys whose reminder dates include today (JST); for each, one round keyed by today. */
export async function sendReminders(db: Db, clock: Clock, opts: { surveyId?: number } = {}): Promise<ReminderSummary> {
  const now = clock.now();
  const today = todayInJapan(now);
  const due = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.status, "open"), sql`${surveys.reminderDates} @> ${JSON.stringify([today])}::jsonb`, opts.surveyId ? eq(surveys.id, opts.surveyId) : undefined));
  let queued = 0;
  let count = 0;
  for (const survey of due) {
    if (windowPhase(survey, now) !== "open") continue;
    count += 1;
    queued += await db.transaction(async (tx) => {
      const n = (await queueSurveyMails(tx, clock, survey, { kind: "reminder", mailDate: today, onlyUnsubmitted: true })).length;
      if (n > 0) await audit(tx, clock, { event: "survey.reminders", actorType: "system", unionId: survey.unionId, target: `survey:${survey.id}`, details: { date: today, queued: n } });
      return n;
    });
  }
  return { surveys: count, queued };
}

/**
 * How many members one round sent now would reach (those not yet reminded today): the unsubmitted
 * households with an open account, read off survey_progress_counts (n − no_account), less those
 * of them whose account already got today's reminder (survey_mails_sent_day_idx). At most one open
 * account per person (members_roster_entry_uq), so this equals joining the households with their
 * accounts, without reading 100,000 of them.
 */
export async function previewReminderRound(db: DbOrTx, survey: Survey, now: Date): Promise<number> {
  const today = todayInJapan(now);
  const [r] = rows<{ n: number }>(
    await db.execute(sql`
      select (select coalesce(sum(c.n - c.no_account), 0)::int from survey_progress_counts c
               where c.survey_id = ${survey.id} and c.status in ('not_started', 'in_progress', 'returned'))
           - (select count(*)::int from survey_mails_sent s
               join members m on m.id = s.member_id and m.disabled_at is null and m.closed_at is null
               join survey_responses r on r.survey_id = s.survey_id and r.insured_entry_id = m.roster_entry_id
               where s.survey_id = ${survey.id} and s.kind = 'reminder' and s.mail_date = ${today}
                 and r.removed_at is null and r.status in ('not_started', 'in_progress', 'returned')) as n`),
  );
  return Number(r?.n ?? 0);
}

/** The union sends one round by hand (keyed by today, so the day's scheduled round adds nothing). */
export async function sendReminderRoundNow(db: Db, clock: Clock, scope: AdminScope, surveyId: number): Promise<{ ok: true; queued: number; outboxIds: number[] } | { ok: false; error: "not_found" | "not_open" }> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId);
    if (!survey) return { ok: false as const, error: "not_found" as const };
    if (survey.status !== "open" || windowPhase(survey, now) !== "open") return { ok: false as const, error: "not_open" as const };
    const outboxIds = await queueSurveyMails(tx, clock, survey, { kind: "reminder", mailDate: todayInJapan(now), onlyUnsubmitted: true });
    const queued = outboxIds.length;
    await audit(tx, clock, { event: "admin.survey.reminders", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { date: todayInJapan(now), queued } });
    return { ok: true as const, queued, outboxIds };
  });
}
