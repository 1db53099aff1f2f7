// The union's setup of a survey (issue 10): a draft whose targets are chosen by rule and by hand,
// then opened (responses made, start mails queued once per member) and closed by hand. Every
// function takes the admin's scope and finds the survey through inScope(): another union's survey
// id is "not found", and nothing is changed.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/connect";
import { rosterEntries, surveys, surveyTargets, unions } from "@/db/schema";
import { inScope, type AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { LIMITS, take } from "../auth/throttle";
import { enqueueEmailOrSkip, outboxRecipientKey } from "../email/outbox";
import { loginUrl } from "../email/links";
import { hasBadCharacters } from "../validation/input-guard";
import { checkSurveyInput, fiscalYearOf, newSurveyRow, rowCount, type OpenSurveyInput } from "./open-survey";

export type Survey = typeof surveys.$inferSelect;

export interface TargetRule {
  /** Age at the survey's base date, inclusive; null = no bound. */
  ageFrom: number | null;
  ageTo: number | null;
  /** 続柄 as written in the roster; empty = every relationship. */
  relationships: string[];
}

export const ALL_DEPENDENTS: TargetRule = { ageFrom: null, ageTo: null, relationships: [] };

export type SetupError = "not_found" | "not_draft" | "not_open" | "closed" | "not_current" | "bad_reason" | "no_person" | "already_target" | "bad_rule";

const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]));

/** A survey of a union in scope, or null. */
export async function findSurvey(db: DbOrTx, scope: AdminScope, surveyId: number, opts: { forUpdate?: boolean } = {}): Promise<Survey | null> {
  if (!Number.isSafeInteger(surveyId) || surveyId <= 0) return null;
  const q = db.select().from(surveys).where(and(eq(surveys.id, surveyId), inScope(scope, surveys.unionId)));
  const [row] = opts.forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

/** A survey id from a URL or form: digits only, else 0 (never found). */
export function surveyIdParam(value: unknown): number {
  const text = String(value ?? "").trim();
  return /^\d{1,12}$/.test(text) ? Number(text) : 0;
}

export interface SurveyListRow {
  survey: Survey;
  unionName: string;
  targets: number;
  responses: number;
  submitted: number;
}

export async function listSurveys(db: Db, scope: AdminScope, unionIds: readonly number[]): Promise<SurveyListRow[]> {
  const allowed = unionIds.filter((id) => scope.unionIds.includes(id));
  if (!allowed.length) return [];
  const list = await db
    .select({ survey: surveys, unionName: unions.name })
    .from(surveys)
    .innerJoin(unions, eq(unions.id, surveys.unionId))
    .where(and(inScope(scope, surveys.unionId), sql`${surveys.unionId} in ${allowed}`))
    .orderBy(desc(surveys.fiscalYear), asc(surveys.unionId));
  if (!list.length) return [];
  const ids = list.map((r) => r.survey.id);
  const counts = rows<{ survey_id: number; targets: number; responses: number; submitted: number }>(
    await db.execute(sql`
      select s.id as survey_id,
        (select count(*)::int from survey_targets t where t.survey_id = s.id and t.removed_at is null) as targets,
        (select coalesce(sum(c.n), 0)::int from survey_progress_counts c where c.survey_id = s.id) as responses,
        (select coalesce(sum(c.n), 0)::int from survey_progress_counts c where c.survey_id = s.id and c.status in ('submitted', 'approved')) as submitted
      from surveys s where s.id in ${ids}`),
  );
  const byId = new Map(counts.map((c) => [Number(c.survey_id), c]));
  return list.map((r) => {
    const c = byId.get(r.survey.id);
    return { ...r, targets: Number(c?.targets ?? 0), responses: Number(c?.responses ?? 0), submitted: Number(c?.submitted ?? 0) };
  });
}

export type CreateDraftResult = { ok: true; survey: Survey } | { ok: false; error: string; message: string };

/** A draft survey (status `draft`): members see nothing of it until it is opened. */
export async function createDraftSurvey(db: Db, clock: Clock, scope: AdminScope, input: OpenSurveyInput): Promise<CreateDraftResult> {
  const invalid = checkDraftInput(clock, scope, input);
  if (invalid) return invalid;
  return db.transaction((tx) => insertDraft(tx, clock, scope, input));
}

/** The input checks of a new draft, with the CLI's option names turned into the form's labels. */
export function checkDraftInput(clock: Clock, scope: AdminScope, input: OpenSurveyInput): Extract<CreateDraftResult, { ok: false }> | null {
  if (!scope.unionIds.includes(input.unionId)) return { ok: false, error: "no_union", message: "健康保険組合が見つかりません" };
  const invalid = checkSurveyInput(input, clock.now());
  if (invalid && !invalid.ok) return { ok: false, error: invalid.error, message: invalid.message.replace(/--(opens|closes|base-date)/g, (_, n: string) => ({ opens: "開始日", closes: "締切日", "base-date": "基準日" })[n] ?? n) };
  return null;
}

/** Inserts the draft with every active dependent as a target, inside the caller's transaction (union row locked). */
export async function insertDraft(tx: DbOrTx, clock: Clock, scope: AdminScope, input: OpenSurveyInput, details: Record<string, unknown> = {}): Promise<CreateDraftResult> {
  const now = clock.now();
  const fiscalYear = fiscalYearOf(input.opensOn);
  const [union] = await tx.select({ id: unions.id }).from(unions).where(and(eq(unions.id, input.unionId), inScope(scope, unions.id))).for("update");
  if (!union) return { ok: false as const, error: "no_union", message: "健康保険組合が見つかりません" };
  const [existing] = await tx.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.unionId, union.id), eq(surveys.fiscalYear, fiscalYear)));
  if (existing) return { ok: false as const, error: "exists", message: `${fiscalYear}年度の調査はすでに作成されています` };
  const [survey] = await tx
    .insert(surveys)
    .values(newSurveyRow({ ...input, createdByAdminId: scope.admin.id }, "draft", now))
    .returning();
  await insertRuleTargets(tx, survey, ALL_DEPENDENTS, now);
  await audit(tx, clock, { event: "admin.survey.create", actorType: "admin", actorId: scope.admin.id, unionId: union.id, target: `survey:${survey.id}`, details: { fiscalYear, opensOn: input.opensOn, closesOn: input.closesOn, ...details } });
  return { ok: true as const, survey };
}

/**
 * The union's newest survey is the current one; an older survey (a past year) is read-only for
 * everyone: its answers stay readable to the union, and every write on it is refused.
 */
export async function surveyIsCurrent(db: DbOrTx, survey: Pick<Survey, "id" | "unionId" | "fiscalYear">): Promise<boolean> {
  const [newer] = await db.select({ id: surveys.id }).from(surveys).where(and(eq(surveys.unionId, survey.unionId), sql`${surveys.fiscalYear} > ${survey.fiscalYear}`)).limit(1);
  return !newer;
}

export function checkRule(rule: TargetRule): boolean {
  const okAge = (n: number | null) => n === null || (Number.isInteger(n) && n >= 0 && n <= 150);
  if (!okAge(rule.ageFrom) || !okAge(rule.ageTo)) return false;
  if (rule.ageFrom !== null && rule.ageTo !== null && rule.ageFrom > rule.ageTo) return false;
  return rule.relationships.length <= 50 && rule.relationships.every((r) => r.length > 0 && r.length <= 20 && !hasBadCharacters(r));
}

/** The dependents a rule picks: active, with an active insured person; age counted at the base date. */
function ruleSelection(survey: Survey, rule: TargetRule) {
  const age = sql`extract(year from age(${survey.baseDate}::date, d.birth_date))`;
  return sql`
    from roster_entries d
    join roster_entries i on i.union_id = d.union_id and i.symbol = d.symbol and i.number = d.number and i.branch = '00' and i.active
    where d.union_id = ${survey.unionId} and d.branch <> '00' and d.active
      ${rule.ageFrom !== null ? sql`and ${age} >= ${rule.ageFrom}` : sql``}
      ${rule.ageTo !== null ? sql`and ${age} <= ${rule.ageTo}` : sql``}
      ${rule.relationships.length ? sql`and d.relationship in ${rule.relationships}` : sql``}`;
}

async function insertRuleTargets(db: DbOrTx, survey: Survey, rule: TargetRule, now: Date) {
  return rowCount(
    await db.execute(sql`
      insert into survey_targets (survey_id, roster_entry_id, insured_entry_id, added_by, created_at)
      select ${survey.id}, d.id, i.id, 'rule', ${now.toISOString()}::timestamptz
      ${ruleSelection(survey, rule)}
      on conflict (survey_id, roster_entry_id) do nothing
      returning id`),
  );
}

/** How many dependents and insured persons a rule would pick (before anything is saved). */
export async function previewRule(db: DbOrTx, scope: AdminScope, surveyId: number, rule: TargetRule): Promise<{ dependents: number; insured: number } | null> {
  const survey = await findSurvey(db, scope, surveyId);
  if (!survey || !checkRule(rule)) return null;
  const [r] = rows<{ dependents: number; insured: number }>(await db.execute(sql`select count(*)::int as dependents, count(distinct i.id)::int as insured ${ruleSelection(survey, rule)}`));
  return { dependents: Number(r?.dependents ?? 0), insured: Number(r?.insured ?? 0) };
}

/**
 * Replaces the draft's rule-picked targets by what `rule` picks. People added by hand stay, and
 * people removed by hand stay removed.
 */
export async function applyRule(db: Db, clock: Clock, scope: AdminScope, surveyId: number, rule: TargetRule): Promise<{ ok: true; targets: number } | { ok: false; error: SetupError }> {
  if (!checkRule(rule)) return { ok: false, error: "bad_rule" };
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId, { forUpdate: true });
    if (!survey) return { ok: false as const, error: "not_found" as const };
    if (survey.status !== "draft") return { ok: false as const, error: "not_draft" as const };
    const now = clock.now();
    await tx.delete(surveyTargets).where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.addedBy, "rule"), isNull(surveyTargets.removedAt)));
    await insertRuleTargets(tx, survey, rule, now);
    const targets = await countTargets(tx, survey.id);
    await audit(tx, clock, { event: "admin.survey.targets_rule", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { rule, targets } });
    return { ok: true as const, targets };
  });
}

export async function countTargets(db: DbOrTx, surveyId: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(surveyTargets).where(and(eq(surveyTargets.surveyId, surveyId), isNull(surveyTargets.removedAt)));
  return Number(r?.n ?? 0);
}

export interface TargetCounts {
  dependents: number;
  insured: number;
  withAccount: number;
  withoutAccount: number;
}

/** Current targets: dependents, their insured persons, and how many of those have an account. */
export async function targetCounts(db: DbOrTx, surveyId: number): Promise<TargetCounts> {
  const [r] = rows<{ dependents: number; insured: number; with_account: number }>(
    await db.execute(sql`
      select count(*)::int as dependents,
        count(distinct t.insured_entry_id)::int as insured,
        count(distinct m.id)::int as with_account
      from survey_targets t left join members m on m.roster_entry_id = t.insured_entry_id and m.disabled_at is null and m.closed_at is null
      where t.survey_id = ${surveyId} and t.removed_at is null`),
  );
  const insured = Number(r?.insured ?? 0);
  const withAccount = Number(r?.with_account ?? 0);
  return { dependents: Number(r?.dependents ?? 0), insured, withAccount, withoutAccount: insured - withAccount };
}

const REASON_MAX = 200;
const cleanReason = (reason: string) => {
  const r = reason.trim();
  return r && r.length <= REASON_MAX && !hasBadCharacters(r) ? r : null;
};

/**
 * Targets may change while the survey is a draft or open, never once it is closed or a newer
 * survey exists (the survey row is locked by the caller).
 */
async function targetsChangeable(tx: DbOrTx, survey: Survey): Promise<SetupError | null> {
  if (survey.status === "closed") return "closed";
  if (survey.status !== "draft" && survey.status !== "open") return "not_draft";
  if (!(await surveyIsCurrent(tx, survey))) return "not_current";
  return null;
}

export type AddTargetResult = { ok: true; outboxIds: number[] } | { ok: false; error: SetupError };

/**
 * Adds one dependent (by 記号・番号・枝番) by hand, with a reason. On an open survey the household
 * gets its response (or has it back, if it was taken out) and, with an account, the start mail,
 * once (survey_mails_sent).
 */
export async function addTarget(
  db: Db,
  clock: Clock,
  scope: AdminScope,
  surveyId: number,
  input: { symbol: string; number: string; branch: string; reason: string },
): Promise<AddTargetResult> {
  const reason = cleanReason(input.reason);
  if (!reason) return { ok: false, error: "bad_reason" };
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId, { forUpdate: true });
    if (!survey) return { ok: false as const, error: "not_found" as const };
    const refused = await targetsChangeable(tx, survey);
    if (refused) return { ok: false as const, error: refused };
    const [person] = await tx
      .select({ id: rosterEntries.id, symbol: rosterEntries.symbol, number: rosterEntries.number })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.unionId, survey.unionId), eq(rosterEntries.symbol, input.symbol.trim()), eq(rosterEntries.number, input.number.trim()), eq(rosterEntries.branch, input.branch.trim()), eq(rosterEntries.active, true)));
    if (!person || input.branch.trim() === "00") return { ok: false as const, error: "no_person" as const };
    const [insured] = await tx
      .select({ id: rosterEntries.id })
      .from(rosterEntries)
      .where(and(eq(rosterEntries.unionId, survey.unionId), eq(rosterEntries.symbol, person.symbol), eq(rosterEntries.number, person.number), eq(rosterEntries.branch, "00")));
    if (!insured) return { ok: false as const, error: "no_person" as const };
    const [existing] = await tx.select().from(surveyTargets).where(and(eq(surveyTargets.surveyId, survey.id), eq(surveyTargets.rosterEntryId, person.id)));
    const now = clock.now();
    if (existing && !existing.removedAt) return { ok: false as const, error: "already_target" as const };
    if (existing) {
      await tx.update(surveyTargets).set({ removedAt: null, removedReason: null, addedBy: "manual" }).where(eq(surveyTargets.id, existing.id));
    } else {
      await tx.insert(surveyTargets).values({ surveyId: survey.id, rosterEntryId: person.id, insuredEntryId: insured.id, addedBy: "manual", createdAt: now });
    }
    let outboxIds: number[] = [];
    if (survey.status === "open") {
      const iso = now.toISOString();
      await tx.execute(sql`
        insert into survey_responses (survey_id, insured_entry_id, member_id, status, version, created_at, updated_at)
        select ${survey.id}, ${insured.id}, (select m.id from members m where m.roster_entry_id = ${insured.id} and m.closed_at is null), 'not_started', 0, ${iso}::timestamptz, ${iso}::timestamptz
        on conflict (survey_id, insured_entry_id) do update set removed_at = null, updated_at = excluded.updated_at`);
      outboxIds = await queueSurveyMails(tx, clock, survey, { kind: "start", mailDate: "", onlyUnsubmitted: false, insuredEntryId: insured.id });
    }
    await audit(tx, clock, { event: "admin.survey.target_add", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { rosterEntryId: person.id, reason, surveyStatus: survey.status, mails: outboxIds.length } });
    return { ok: true as const, outboxIds };
  });
}

/**
 * Removes one target by hand, with a reason (kept on the row). On an open survey, when it was the
 * household's last target, the response is taken out too (removed_at; the row stays for the
 * audit): progress, reminders and the exports no longer count it.
 */
export async function removeTarget(db: Db, clock: Clock, scope: AdminScope, surveyId: number, input: { targetId: number; reason: string }): Promise<{ ok: true } | { ok: false; error: SetupError }> {
  const reason = cleanReason(input.reason);
  if (!reason) return { ok: false, error: "bad_reason" };
  if (!Number.isSafeInteger(input.targetId) || input.targetId <= 0) return { ok: false, error: "not_found" };
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId, { forUpdate: true });
    if (!survey) return { ok: false as const, error: "not_found" as const };
    const refused = await targetsChangeable(tx, survey);
    if (refused) return { ok: false as const, error: refused };
    const now = clock.now();
    const done = await tx
      .update(surveyTargets)
      .set({ removedAt: now, removedReason: reason })
      .where(and(eq(surveyTargets.id, input.targetId), eq(surveyTargets.surveyId, survey.id), isNull(surveyTargets.removedAt)))
      .returning({ id: surveyTargets.id, rosterEntryId: surveyTargets.rosterEntryId, insuredEntryId: surveyTargets.insuredEntryId });
    if (!done.length) return { ok: false as const, error: "not_found" as const };
    const household = rowCount(
      await tx.execute(sql`
        update survey_responses r set removed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        where r.survey_id = ${survey.id} and r.insured_entry_id = ${done[0].insuredEntryId} and r.removed_at is null
          and not exists (select 1 from survey_targets t where t.survey_id = r.survey_id and t.insured_entry_id = r.insured_entry_id and t.removed_at is null)
        returning r.id`),
    );
    await audit(tx, clock, { event: "admin.survey.target_remove", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { rosterEntryId: done[0].rosterEntryId, reason, surveyStatus: survey.status, responseRemoved: household > 0 } });
    return { ok: true as const };
  });
}

export interface TargetRow {
  id: number;
  symbol: string;
  number: string;
  branch: string;
  name: string;
  relationship: string;
  birthDate: string;
  addedBy: string;
  removedAt: Date | null;
  removedReason: string | null;
}

/**
 * A page of a survey's targets (current first, then removed ones). `changed`: only the ones added
 * or removed by hand (a partial index: few rows, however large the survey); `household`: the
 * targets of one 記号・番号 (the insured-person index). An open survey's page uses those two, so
 * it never sorts a quarter of a million rule-chosen targets to show 200.
 */
export async function listTargets(
  db: DbOrTx,
  surveyId: number,
  opts: { limit: number; offset: number; changed?: boolean; household?: { unionId: number; symbol: string; number: string } },
): Promise<TargetRow[]> {
  const filters = [eq(surveyTargets.surveyId, surveyId)];
  if (opts.changed) filters.push(or(eq(surveyTargets.addedBy, "manual"), isNotNull(surveyTargets.removedAt))!);
  if (opts.household) {
    const h = opts.household;
    filters.push(
      inArray(
        surveyTargets.insuredEntryId,
        db
          .select({ id: rosterEntries.id })
          .from(rosterEntries)
          .where(and(eq(rosterEntries.unionId, h.unionId), eq(rosterEntries.symbol, h.symbol), eq(rosterEntries.number, h.number), eq(rosterEntries.isInsured, true))),
      ),
    );
  }
  return db
    .select({
      id: surveyTargets.id,
      symbol: rosterEntries.symbol,
      number: rosterEntries.number,
      branch: rosterEntries.branch,
      name: rosterEntries.name,
      relationship: rosterEntries.relationship,
      birthDate: rosterEntries.birthDate,
      addedBy: surveyTargets.addedBy,
      removedAt: surveyTargets.removedAt,
      removedReason: surveyTargets.removedReason,
    })
    .from(surveyTargets)
    .innerJoin(rosterEntries, eq(rosterEntries.id, surveyTargets.rosterEntryId))
    .where(and(...filters))
    .orderBy(sql`${surveyTargets.removedAt} is not null`, asc(rosterEntries.symbol), asc(rosterEntries.number), asc(rosterEntries.branch))
    .limit(opts.limit)
    .offset(opts.offset);
}

export type OpenDraftResult = { ok: true; responses: number; mails: number; withoutAccount: number; outboxIds: number[] } | { ok: false; error: SetupError | "no_targets" };

/**
 * Opens a draft: one response per insured person with a current target, then the start mail to
 * each of them who has an account. The mail is guarded by survey_mails_sent (kind `start`), so a
 * second call (or a retry) queues nothing twice.
 */
export async function openDraftSurvey(db: Db, clock: Clock, scope: AdminScope, surveyId: number): Promise<OpenDraftResult> {
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId, { forUpdate: true });
    if (!survey) return { ok: false as const, error: "not_found" as const };
    if (survey.status !== "draft") return { ok: false as const, error: "not_draft" as const };
    const now = clock.now();
    if (survey.closesAt <= now) return { ok: false as const, error: "not_draft" as const };
    if ((await countTargets(tx, survey.id)) === 0) return { ok: false as const, error: "no_targets" as const };
    const iso = now.toISOString();
    const responses = rowCount(
      await tx.execute(sql`
        insert into survey_responses (survey_id, insured_entry_id, member_id, status, version, created_at, updated_at)
        select ${survey.id}, t.insured_entry_id, m.id, 'not_started', 0, ${iso}::timestamptz, ${iso}::timestamptz
        from (select distinct insured_entry_id from survey_targets where survey_id = ${survey.id} and removed_at is null) t
        left join members m on m.roster_entry_id = t.insured_entry_id and m.closed_at is null
        on conflict (survey_id, insured_entry_id) do nothing
        returning id`),
    );
    await tx.update(surveys).set({ status: "open" }).where(eq(surveys.id, survey.id));
    await tx.update(unions).set({ surveyOpensOn: survey.opensOn, surveyClosesOn: survey.closesOn }).where(eq(unions.id, survey.unionId));
    const outboxIds = await queueSurveyMails(tx, clock, { ...survey, status: "open" }, { kind: "start", mailDate: "", onlyUnsubmitted: false });
    const mails = outboxIds.length;
    const counts = await targetCounts(tx, survey.id);
    await audit(tx, clock, { event: "admin.survey.open", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { responses, mails, withoutAccount: counts.withoutAccount } });
    return { ok: true as const, responses, mails, withoutAccount: counts.withoutAccount, outboxIds };
  });
}

/**
 * Queues one survey mail (start or reminder) per member with a response in this survey, guarded
 * by the unique key of survey_mails_sent: only the rows this call inserted get a mail, so parallel
 * or repeated runs send each mail once. Returns the outbox ids of the mails queued.
 */
export async function queueSurveyMails(
  tx: DbOrTx,
  clock: Clock,
  survey: Survey,
  opts: { kind: "start" | "reminder"; mailDate: string; onlyUnsubmitted: boolean; insuredEntryId?: number },
): Promise<number[]> {
  const now = clock.now();
  const claimed = rows<{ member_id: number; email: string }>(
    await tx.execute(sql`
      with picked as (
        insert into survey_mails_sent (survey_id, member_id, kind, mail_date, created_at)
        select ${survey.id}, m.id, ${opts.kind}, ${opts.mailDate}, ${now.toISOString()}::timestamptz
        from survey_responses r join members m on m.roster_entry_id = r.insured_entry_id and m.disabled_at is null and m.closed_at is null
        where r.survey_id = ${survey.id} and r.removed_at is null
          ${opts.insuredEntryId !== undefined ? sql`and r.insured_entry_id = ${opts.insuredEntryId}` : sql``}
          ${opts.onlyUnsubmitted ? sql`and r.status in ('not_started', 'in_progress', 'returned')` : sql``}
        on conflict (survey_id, member_id, kind, mail_date) do nothing
        returning member_id
      )
      select p.member_id, m.email from picked p join members m on m.id = p.member_id order by p.member_id`),
  );
  const template = opts.kind === "start" ? ("survey-start" as const) : ("survey-reminder" as const);
  const link = async (pairs: { memberId: number; outboxId: number }[]) => {
    if (!pairs.length) return;
    await tx.execute(sql`
      update survey_mails_sent s set outbox_id = x.outbox_id
      from (values ${sql.join(pairs.map((p) => sql`(${p.memberId}::bigint, ${p.outboxId}::bigint)`), sql`, `)}) as x(member_id, outbox_id)
      where s.survey_id = ${survey.id} and s.kind = ${opts.kind} and s.mail_date = ${opts.mailDate} and s.member_id = x.member_id`);
  };
  // The mail is the same for every recipient (title, deadline, login link, the union's footer):
  // the first one is queued the ordinary way (rendered, per-address backstop), and the others are
  // copies of that row with their own address, in chunks, each still under the backstop.
  const queued: number[] = [];
  let model: number | null = null;
  let chunk: { memberId: number; email: string }[] = [];
  const flush = async () => {
    if (!chunk.length || model === null) return;
    const ids = rows<{ id: number }>(await tx.execute(sql`select nextval('email_outbox_id_seq')::bigint as id from generate_series(1, ${chunk.length})`)).map((r) => Number(r.id));
    const iso = now.toISOString();
    await tx.execute(sql`
      insert into email_outbox (id, union_id, template, to_address, from_address, subject, text, html, status, attempts, next_attempt_at, created_at)
      select x.id, o.union_id, o.template, x.addr, o.from_address, o.subject, o.text, o.html, 'pending', 0, ${iso}::timestamptz, ${iso}::timestamptz
      from (values ${sql.join(chunk.map((c, i) => sql`(${ids[i]}::bigint, ${c.email}::text)`), sql`, `)}) as x(id, addr)
      cross join email_outbox o where o.id = ${model}`);
    queued.push(...ids);
    await link(chunk.map((c, i) => ({ memberId: c.memberId, outboxId: ids[i] })));
    chunk = [];
  };
  for (const c of claimed) {
    if (model === null) {
      const outboxId = await enqueueEmailOrSkip(tx, { template, to: c.email, unionId: survey.unionId, props: { surveyTitle: survey.title, closesOn: survey.closesOn, loginUrl: loginUrl() } }, { clock });
      if (outboxId !== null) {
        model = outboxId;
        queued.push(outboxId);
        await link([{ memberId: Number(c.member_id), outboxId }]);
      }
      continue;
    }
    if (!(await take(tx, clock, outboxRecipientKey(c.email), LIMITS.outboxPerRecipient)).allowed) continue;
    chunk.push({ memberId: Number(c.member_id), email: c.email.trim() });
    if (chunk.length >= 500) await flush();
  }
  await flush();
  return queued;
}

/** Closes an open survey now: members can no longer change answers (the window ends now). */
export async function closeSurvey(db: Db, clock: Clock, scope: AdminScope, surveyId: number): Promise<{ ok: true } | { ok: false; error: SetupError }> {
  return db.transaction(async (tx) => {
    const survey = await findSurvey(tx, scope, surveyId, { forUpdate: true });
    if (!survey) return { ok: false as const, error: "not_found" as const };
    if (survey.status !== "open") return { ok: false as const, error: "not_open" as const };
    const now = clock.now();
    const closesAt = survey.closesAt < now ? survey.closesAt : now;
    await tx.update(surveys).set({ status: "closed", closesAt }).where(eq(surveys.id, survey.id));
    await audit(tx, clock, { event: "admin.survey.close", actorType: "admin", actorId: scope.admin.id, unionId: survey.unionId, target: `survey:${survey.id}`, details: { closesAt: closesAt.toISOString() } });
    return { ok: true as const };
  });
}

/** The 続柄 words of a union's active dependents, for the rule's checkboxes. */
export async function relationshipsOf(db: DbOrTx, unionId: number): Promise<string[]> {
  const list = await db
    .selectDistinct({ r: rosterEntries.relationship })
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unionId, unionId), eq(rosterEntries.active, true), sql`${rosterEntries.branch} <> '00'`))
    .orderBy(asc(rosterEntries.relationship))
    .limit(50);
  return list.map((x) => x.r);
}
