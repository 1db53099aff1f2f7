// One schema for both drivers (PGlite and postgres.js). Every timestamp is timestamptz;
// the app shows them in Asia/Tokyo. Tables for the whole member door exist from the start,
// even where a later issue fills them.
import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => tstz("created_at").notNull().defaultNow();

export const unions = pgTable("unions", {
  id: serial("id").primaryKey(),
  /** 保険者指定コード, stored lower-case (e.g. `jkc`). */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  callCenterPhone: text("call_center_phone"),
  callCenterHours: text("call_center_hours"),
  supportEmail: text("support_email"),
  /** From-address for the union's mail; falls back to EMAIL_FROM. */
  senderEmail: text("sender_email"),
  surveyOpensOn: date("survey_opens_on"),
  surveyClosesOn: date("survey_closes_on"),
  /** Days after a survey ends that its uploaded documents are kept (lib/survey/retention.ts). */
  documentRetentionDays: integer("document_retention_days").notNull().default(365),
  createdAt: createdAt(),
});

export const rosterImports = pgTable("roster_imports", {
  id: serial("id").primaryKey(),
  unionId: integer("union_id").notNull().references(() => unions.id),
  fileName: text("file_name").notNull(),
  encoding: text("encoding").notNull(),
  rows: integer("rows").notNull(),
  replace: boolean("replace").notNull(),
  deactivated: integer("deactivated").notNull().default(0),
  /** Who imported it from /admin/roster (null: the CLI). */
  adminId: integer("admin_id").references(() => admins.id),
  inserted: integer("inserted").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  createdAt: createdAt(),
}, (t) => [index("roster_imports_union_idx").on(t.unionId, t.createdAt)]);

/**
 * A roster file uploaded from /admin/roster, waiting on disk to be checked and imported. Bound to
 * the union and admin that uploaded it; the file itself lives in a temp directory, this row is
 * the state every app instance agrees on.
 */
export const rosterUploads = pgTable(
  "roster_uploads",
  {
    id: text("id").primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    adminId: integer("admin_id").notNull().references(() => admins.id),
    fileName: text("file_name").notNull(),
    path: text("path").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    replace: boolean("replace").notNull(),
    /** uploaded | checking | invalid | checked | importing | imported | failed */
    status: text("status").notNull(),
    encoding: text("encoding"),
    rows: integer("rows"),
    inserted: integer("inserted"),
    updated: integer("updated"),
    unchanged: integer("unchanged"),
    deactivated: integer("deactivated"),
    errorCount: integer("error_count"),
    /** The first 1,000 `line N: …` messages. */
    errors: jsonb("errors").$type<string[]>(),
    importId: integer("import_id").references(() => rosterImports.id),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [index("roster_uploads_union_idx").on(t.unionId, t.createdAt)],
);

export const rosterEntries = pgTable(
  "roster_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    /** 記号 */
    symbol: text("symbol").notNull(),
    /** 番号 */
    number: text("number").notNull(),
    /** 枝番: `00` is the insured person. */
    branch: text("branch").notNull(),
    name: text("name").notNull(),
    kanaName: text("kana_name").notNull(),
    /** normalizeKanaName(kanaName): what sign-up matches against. */
    kanaKey: text("kana_key").notNull(),
    birthDate: date("birth_date").notNull(),
    relationship: text("relationship").notNull(),
    sex: text("sex"),
    /** 本人 (branch 00): the only rows that may open an account. */
    isInsured: boolean("is_insured").notNull(),
    active: boolean("active").notNull().default(true),
    importId: integer("import_id").references(() => rosterImports.id),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("roster_person_uq").on(t.unionId, t.symbol, t.number, t.branch),
    // The sign-up match looks up (union, 記号, 番号) and compares birth date and kana key.
    index("roster_match_idx").on(t.unionId, t.symbol, t.number, t.birthDate, t.kanaKey),
    // Dashboard: insured persons in the current roster, counted per union.
    index("roster_insured_active_idx").on(t.unionId).where(sql`${t.isInsured} and ${t.active}`),
    // The admin member search: 氏名(カナ) by prefix, and 番号 alone.
    index("roster_kana_prefix_idx").on(t.unionId, sql`${t.kanaKey} text_pattern_ops`),
    index("roster_number_idx").on(t.unionId, t.number),
    // The member search's kana prefix, index-only: insured persons, with the id and the list's sort key.
    index("roster_insured_kana_idx").on(t.unionId, sql`${t.kanaKey} text_pattern_ops`, t.symbol, t.number, t.id).where(sql`${t.isInsured}`),
  ],
);

export const members = pgTable(
  "members",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    rosterEntryId: bigint("roster_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    userId: text("user_id").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    disabledAt: tstz("disabled_at"),
    lastLoginAt: tstz("last_login_at"),
    /**
     * Closed by the union's yearly reset (lib/survey/next-year.ts): the row stays for the audit,
     * the person may sign up again, and login refuses it. A closed account is also disabled.
     */
    closedAt: tstz("closed_at"),
    closedReason: text("closed_reason"),
    passwordChangedAt: tstz("password_changed_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    // User IDs are unique across every union, case-insensitively, among open accounts (a closed
    // account keeps its row; its person may sign up again, even with the same ID).
    uniqueIndex("members_user_id_uq").on(sql`lower(${t.userId})`).where(sql`${t.closedAt} is null`),
    // One open account per roster person.
    uniqueIndex("members_roster_entry_uq").on(t.rosterEntryId).where(sql`${t.closedAt} is null`),
    index("members_roster_entry_idx").on(t.rosterEntryId),
    index("members_email_idx").on(sql`lower(${t.email})`),
    // Dashboard and export: a union's accounts by sign-up time, and who is locked now.
    index("members_union_created_idx").on(t.unionId, t.createdAt),
    index("members_union_locked_idx").on(t.unionId, t.lockedUntil).where(sql`${t.lockedUntil} is not null`),
    // The admin member search matches ユーザーID and メールアドレス by prefix.
    index("members_user_id_prefix_idx").on(sql`lower(${t.userId}) text_pattern_ops`),
    index("members_email_prefix_idx").on(sql`lower(${t.email}) text_pattern_ops`),
  ],
);

/**
 * Dashboard counters, kept exact by statement triggers on members and terms_consents (migration
 * 0007): accounts created per union per Japan day, and consents per 利用規約 version. The
 * dashboard reads a few rows here instead of counting hundreds of thousands.
 */
export const signupCounts = pgTable(
  "signup_counts",
  {
    unionId: integer("union_id").notNull().references(() => unions.id),
    /** The Japan (Asia/Tokyo) day the accounts were created. */
    day: date("day").notNull(),
    n: integer("n").notNull(),
    /** Of those, closed since (a next-year reset, lib/survey/next-year.ts): no longer accounts. */
    closed: integer("closed").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.unionId, t.day] })],
);

export const passwordHistory = pgTable(
  "password_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("password_history_member_idx").on(t.memberId, t.createdAt)],
);

export const admins = pgTable(
  "admins",
  {
    id: serial("id").primaryKey(),
    loginId: text("login_id").notNull(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** The TOTP secret, encrypted (lib/admin/totp-secret.ts: AES-256-GCM, key from AUTH_SECRET). */
    totpSecret: text("totp_secret").notNull(),
    /** The last TOTP time step accepted; a code of this step or an earlier one is refused. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** `operator` (every union) or `union_admin` (one union). */
    role: text("role").notNull(),
    unionId: integer("union_id").references(() => unions.id),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: tstz("locked_until"),
    disabledAt: tstz("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("admins_login_id_uq").on(sql`lower(${t.loginId})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** Random id carried in the JWT; the row is the truth (revocation, one per account). */
    id: text("id").primaryKey(),
    kind: text("kind").notNull(), // member | admin
    memberId: bigint("member_id", { mode: "number" }).references(() => members.id),
    adminId: integer("admin_id").references(() => admins.id),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    endedAt: tstz("ended_at"),
    /** replaced | logout | idle | expired | password_changed | admin */
    endReason: text("end_reason"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    // At most one live session per account, enforced by the database.
    uniqueIndex("sessions_one_member_uq").on(t.memberId).where(sql`${t.endedAt} is null`),
    uniqueIndex("sessions_one_admin_uq").on(t.adminId).where(sql`${t.endedAt} is null`),
  ],
);

/** Step 2 of sign-up, bound to a roster match and to the browser that made it. */
export const signupRequests = pgTable(
  "signup_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** SHA-256 of the random token kept in the browser's cookie. */
    tokenHash: text("token_hash").notNull().unique(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    rosterEntryId: bigint("roster_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    userId: text("user_id"),
    email: text("email"),
    passwordHash: text("password_hash"),
    createdAt: createdAt(),
    expiresAt: tstz("expires_at").notNull(),
    completedAt: tstz("completed_at"),
  },
  (t) => [index("signup_requests_roster_idx").on(t.rosterEntryId), index("signup_requests_expires_idx").on(t.expiresAt)],
);

/** One-time 6-digit codes (認証番号), stored only as an HMAC. */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** signup | password_reset | email_change */
    purpose: text("purpose").notNull(),
    /** What the code is for, e.g. `signup:42` or `member:7`; only the newest per subject is live. */
    subject: text("subject").notNull(),
    email: text("email").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    issuedAt: tstz("issued_at").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    /** Set when used, superseded by a newer code, or killed after too many wrong entries. */
    closedAt: tstz("closed_at"),
    closedReason: text("closed_reason"),
  },
  (t) => [
    index("codes_subject_idx").on(t.purpose, t.subject, t.issuedAt),
    uniqueIndex("codes_one_live_uq").on(t.purpose, t.subject).where(sql`${t.closedAt} is null`),
  ],
);

/** Fixed-window counters for throttles and rate limits, bumped with one upsert. */
export const throttleCounters = pgTable(
  "throttle_counters",
  {
    key: text("key").notNull(),
    windowStart: tstz("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: bigint("member_id", { mode: "number" }).references(() => members.id),
    adminId: integer("admin_id").references(() => admins.id),
    typedUserId: text("typed_user_id").notNull(),
    ok: boolean("ok").notNull(),
    /** ok | bad_password | unknown_user | locked | throttled | disabled | inactive */
    result: text("result").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
  },
  (t) => [index("login_attempts_member_idx").on(t.memberId, t.createdAt), index("login_attempts_admin_idx").on(t.adminId, t.createdAt)],
);

export const termsVersions = pgTable(
  "terms_versions",
  {
    id: serial("id").primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    publishedAt: tstz("published_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("terms_union_version_uq").on(t.unionId, t.version)],
);

export const termsConsents = pgTable(
  "terms_consents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id),
    termsVersionId: integer("terms_version_id")
      .notNull()
      .references(() => termsVersions.id),
    consentedAt: tstz("consented_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    uniqueIndex("terms_consent_uq").on(t.memberId, t.termsVersionId),
    // Dashboard: how many consented to a union's current version.
    index("terms_consent_version_idx").on(t.termsVersionId),
  ],
);

export const termsConsentCounts = pgTable("terms_consent_counts", {
  termsVersionId: integer("terms_version_id")
    .primaryKey()
    .references(() => termsVersions.id),
  n: integer("n").notNull(),
});

/** Every email is written here first, then delivered (and retried) by whoever claims it. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unionId: integer("union_id").references(() => unions.id),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    /** pending | sending | sent | failed (gave up) */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: createdAt(),
    sentAt: tstz("sent_at"),
    /**
     * The one_time_codes row a code mail carries (no foreign key: a pruned code is as dead as an
     * expired one). A code mail whose code is no longer live is given up instead of sent, and code
     * mails lose their text/html once sent or given up (lib/email/code-mail.ts).
     */
    codeId: bigint("code_id", { mode: "number" }),
  },
  (t) => [index("email_outbox_due_idx").on(t.status, t.nextAttemptAt), index("email_outbox_created_idx").on(t.createdAt)],
);

/**
 * The built-in mailbox: what would have been sent, when no RESEND_API_KEY is set. It keeps the full
 * text, codes included, on purpose: it is the dev/preview stand-in for the members' inboxes (and is
 * only served where SPEC allows the mailbox). email_outbox, by contrast, forgets code mail bodies.
 */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    outboxId: bigint("outbox_id", { mode: "number" }).notNull().unique(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mailbox_to_idx").on(sql`lower(${t.toAddress})`, t.createdAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull().defaultNow(),
    /** member | admin | system | anonymous */
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    unionId: integer("union_id").references(() => unions.id),
    event: text("event").notNull(),
    target: text("target"),
    ip: text("ip"),
    details: jsonb("details"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_event_idx").on(t.event, t.at),
    // The audit export walks a union's rows by id.
    index("audit_log_union_id_idx").on(t.unionId, t.id),
    // The admin audit screen filters by union and by member (actor or target).
    index("audit_log_union_idx").on(t.unionId, t.at),
    index("audit_log_actor_idx").on(t.actorType, t.actorId, t.at),
    index("audit_log_target_idx").on(t.target, t.at),
  ],
);

// ---- The survey (issue 9). Files live in tables of their own (files, survey_files: the uploads side).

/**
 * One survey per union and fiscal year (年度, April–March). The window is stored as instants:
 * opens_at is 00:00 JST of the first day, closes_at is 00:00 JST of the day AFTER the last day
 * (exclusive), so "open" is opens_at <= now < closes_at; opens_on/closes_on keep the dates as typed.
 */
export const surveys = pgTable(
  "surveys",
  {
    id: serial("id").primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    fiscalYear: integer("fiscal_year").notNull(),
    title: text("title").notNull(),
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    opensAt: tstz("opens_at").notNull(),
    closesAt: tstz("closes_at").notNull(),
    /** The date ages are counted at (target rules, income limits). */
    baseDate: date("base_date").notNull(),
    /** open | closed */
    status: text("status").notNull().default("open"),
    /** Reminder dates (YYYY-MM-DD, JST) for the admin side's reminder mails. */
    reminderDates: jsonb("reminder_dates").$type<string[]>().notNull().default([]),
    createdByAdminId: integer("created_by_admin_id").references(() => admins.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("surveys_union_year_uq").on(t.unionId, t.fiscalYear)],
);

/** A dependent (roster row, 枝番 ≠ 00) the survey asks about, under its insured person's row. */
export const surveyTargets = pgTable(
  "survey_targets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    surveyId: integer("survey_id").notNull().references(() => surveys.id),
    rosterEntryId: bigint("roster_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    /** The insured person's row (same 記号・番号, 枝番 00). */
    insuredEntryId: bigint("insured_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    /** rule | manual */
    addedBy: text("added_by").notNull().default("rule"),
    removedAt: tstz("removed_at"),
    removedReason: text("removed_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("survey_targets_uq").on(t.surveyId, t.rosterEntryId),
    index("survey_targets_insured_idx").on(t.surveyId, t.insuredEntryId),
    // The open survey's 対象者の変更 list: the few targets changed by hand (lib/survey/admin-surveys.ts listTargets).
    index("survey_targets_changed_idx").on(t.surveyId).where(sql`${t.addedBy} = 'manual' or ${t.removedAt} is not null`),
  ],
);

/**
 * One per insured person with at least one target. status: not_started (未回答) → in_progress (回答中)
 * → submitted (提出済み) → returned (差し戻し) → submitted … → approved (確認完了). `version` is
 * bumped on every change of status, for optimistic locking.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    surveyId: integer("survey_id").notNull().references(() => surveys.id),
    insuredEntryId: bigint("insured_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    memberId: bigint("member_id", { mode: "number" }).references(() => members.id),
    status: text("status").notNull().default("not_started"),
    version: integer("version").notNull().default(0),
    startedAt: tstz("started_at"),
    submittedAt: tstz("submitted_at"),
    submitCount: integer("submit_count").notNull().default(0),
    returnedReason: text("returned_reason"),
    returnedAt: tstz("returned_at"),
    returnedByAdminId: integer("returned_by_admin_id").references(() => admins.id),
    approvedAt: tstz("approved_at"),
    approvedByAdminId: integer("approved_by_admin_id").references(() => admins.id),
    /** When the member ticked that they have read the list of documents. */
    documentsReadAt: tstz("documents_read_at"),
    /**
     * The union reopened this one case after the window (lib/survey/reopen.ts): until this instant
     * the member may answer, submit and upload as if the survey were open.
     */
    reopenedUntil: tstz("reopened_until"),
    reopenedByAdminId: integer("reopened_by_admin_id").references(() => admins.id),
    /** Set when the union takes the last of this household's targets out after opening (kept for the audit). */
    removedAt: tstz("removed_at"),
    /**
     * The insured person has an open account (a member row neither disabled nor closed). Kept by
     * triggers (migration survey_progress_triggers): set on insert, and moved when a sign-up, a
     * disable, a close or a reset changes that person's accounts. Feeds the progress counters and
     * the 「アカウント未登録」 list without joining the accounts.
     */
    hasAccount: boolean("has_account").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_responses_uq").on(t.surveyId, t.insuredEntryId),
    // A person's responses in every survey, for the has_account trigger on members.
    index("survey_responses_insured_idx").on(t.insuredEntryId),
    index("survey_responses_status_idx").on(t.surveyId, t.status),
    // The progress counts: status and household of the survey's live responses, index-only.
    index("survey_responses_progress_idx").on(t.surveyId, t.status, t.insuredEntryId).where(sql`${t.removedAt} is null`),
    // The progress chart: submissions and approvals per day (index-only scans).
    index("survey_responses_submitted_idx").on(t.surveyId, t.submittedAt).where(sql`${t.submittedAt} is not null and ${t.removedAt} is null`),
    index("survey_responses_approved_idx").on(t.surveyId, t.approvedAt).where(sql`${t.approvedAt} is not null and ${t.removedAt} is null`),
  ],
);

/**
 * The progress counts of a survey (lib/survey/progress.ts), kept exact by statement triggers on
 * survey_responses in the writing transaction: live responses (removed_at null) per status, and
 * of those how many have no open account. The progress page reads ≤ 5 rows instead of joining
 * 100,000 households with their accounts.
 */
export const surveyProgressCounts = pgTable(
  "survey_progress_counts",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    n: integer("n").notNull().default(0),
    noAccount: integer("no_account").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.status] })],
);

/**
 * The progress chart's days (lib/survey/progress.ts progressByDay), kept exact by statement
 * triggers on survey_responses like survey_progress_counts: live responses whose (latest)
 * submission, and whose approval, falls on each Japan day.
 */
export const surveyDayCounts = pgTable(
  "survey_day_counts",
  {
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    /** The Japan (Asia/Tokyo) day. */
    day: date("day").notNull(),
    submitted: integer("submitted").notNull().default(0),
    approved: integer("approved").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.day] })],
);

/** One dependent's answers (lib/survey/answers-schema.ts), and the union's later outcome for them. */
export const surveyAnswers = pgTable(
  "survey_answers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    responseId: bigint("response_id", { mode: "number" })
      .notNull()
      .references(() => surveyResponses.id),
    dependentEntryId: bigint("dependent_entry_id", { mode: "number" })
      .notNull()
      .references(() => rosterEntries.id),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    /** true until the answers pass the full (submit) schema. */
    draft: boolean("draft").notNull().default(true),
    /** 「登録内容の誤りを連絡する」: the member's note about a wrong roster detail. */
    rosterCorrection: text("roster_correction"),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    /** The union's review: continue | remove | missing_documents */
    outcome: text("outcome"),
    removalDate: date("removal_date"),
    reviewedByAdminId: integer("reviewed_by_admin_id").references(() => admins.id),
    reviewedAt: tstz("reviewed_at"),
  },
  (t) => [uniqueIndex("survey_answers_uq").on(t.responseId, t.dependentEntryId)],
);

// ── Uploaded files ─────────────────────────────────────────────────────────────────────────────
/**
 * One stored file: metadata only, the bytes live in storage (lib/storage) under `storage_key`.
 * Deleting keeps the row as a tombstone (deleted_at, who, why) and removes the bytes, so a
 * マイナンバー deletion by the union stays on record with the file's SHA-256.
 */
export const files = pgTable(
  "files",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    unionId: integer("union_id").notNull().references(() => unions.id),
    ownerMemberId: bigint("owner_member_id", { mode: "number" })
      .notNull()
      .references(() => members.id),
    /** The device's file name, sanitised (lib/uploads/file-name.ts), ≤ 200 characters. */
    originalName: text("original_name").notNull(),
    /** What is stored: image/jpeg | image/png | application/pdf (HEIC is stored as JPEG). */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    /** SHA-256 (hex) of the stored bytes. */
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull().unique(),
    pages: integer("pages"),
    width: integer("width"),
    height: integer("height"),
    createdAt: createdAt(),
    deletedAt: tstz("deleted_at"),
    deletedByMemberId: bigint("deleted_by_member_id", { mode: "number" }).references(() => members.id),
    deletedByAdminId: integer("deleted_by_admin_id").references(() => admins.id),
    /** member_deleted | my_number | … */
    deleteReason: text("delete_reason"),
  },
  (t) => [index("files_owner_idx").on(t.ownerMemberId), index("files_union_idx").on(t.unionId)],
);

/**
 * A file placed in a document slot of a response: for one dependent, or for the household
 * (dependent_entry_id null, e.g. 住民票). One file may sit in several rows (one per dependent).
 */
export const surveyFiles = pgTable(
  "survey_files",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    responseId: bigint("response_id", { mode: "number" })
      .notNull()
      .references(() => surveyResponses.id),
    dependentEntryId: bigint("dependent_entry_id", { mode: "number" }).references(() => rosterEntries.id),
    /** A document slot key (lib/survey/required-documents.ts SLOT_KEYS). */
    slotKey: text("slot_key").notNull(),
    fileId: bigint("file_id", { mode: "number" })
      .notNull()
      .references(() => files.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("survey_files_response_idx").on(t.responseId, t.dependentEntryId, t.slotKey),
    index("survey_files_file_idx").on(t.fileId),
    uniqueIndex("survey_files_uq").on(t.fileId, t.responseId, sql`coalesce(${t.dependentEntryId}, 0)`, t.slotKey),
  ],
);

/**
 * Survey mails that must go at most once (issue 10): the start mail (kind `start`, mail_date '')
 * and each reminder (kind `reminder`, mail_date the reminder date). The unique key is the guard:
 * senders insert here with ON CONFLICT DO NOTHING and queue a mail only for the rows they inserted.
 */
export const surveyMailsSent = pgTable(
  "survey_mails_sent",
  {
    surveyId: integer("survey_id").notNull().references(() => surveys.id),
    memberId: bigint("member_id", { mode: "number" })
      .notNull()
      .references(() => members.id),
    kind: text("kind").notNull(),
    mailDate: text("mail_date").notNull().default(""),
    outboxId: bigint("outbox_id", { mode: "number" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("survey_mails_sent_uq").on(t.surveyId, t.memberId, t.kind, t.mailDate),
    // The progress page's reminder preview: who of a survey got a reminder today (index-only).
    index("survey_mails_sent_day_idx").on(t.surveyId, t.kind, t.mailDate, t.memberId),
  ],
);
