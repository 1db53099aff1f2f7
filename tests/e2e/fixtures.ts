// Shared e2e helpers. Each test gets its own client address (X-Forwarded-For) so the per-client
// throttles of one test never leak into another, and its own roster people inserted into the
// e2e database, so tests are independent and can run in parallel.
import crypto from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { normalizeKanaName } from "../../lib/kana";
import { e2eSql } from "./db";

export { expect };

export const test = base.extend<{ clientIp: string }>({
  clientIp: async ({}, use) => {
    await use(`10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`);
  },
  context: async ({ context, clientIp }, use) => {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": clientIp });
    await use(context);
  },
  // Every page of every test runs under the production CSP: a blocked script, style or frame
  // shows up as a console message, and fails the test.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    // Also the ones a script swallows (a feature test of eval inside try/catch logs nothing).
    await page.exposeFunction("__reportCspViolation", (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(`${e.documentURI}: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

export interface RosterPerson {
  insurerCode: string;
  symbol: string;
  number: string;
  birthDate: string;
  name: string;
  kanaName: string;
}

const KANA = ["サトウ ハナコ", "スズキ イチロウ", "タカハシ ケンタ", "ワタナベ ユミ", "コバヤシ ショウコ", "ヤマグチ ジュンペイ"];

/** A new active 本人 row in the demo union `jkc` (plus one dependent). */
export async function newRosterPerson(overrides: Partial<RosterPerson> = {}): Promise<RosterPerson> {
  const sql = e2eSql();
  const person: RosterPerson = {
    insurerCode: "jkc",
    symbol: String(crypto.randomInt(10, 99)),
    number: `e${crypto.randomBytes(4).toString("hex")}`,
    birthDate: `19${crypto.randomInt(50, 99)}-0${crypto.randomInt(1, 9)}-1${crypto.randomInt(0, 9)}`,
    name: "試験 太郎",
    kanaName: KANA[crypto.randomInt(KANA.length)],
    ...overrides,
  };
  const [union] = await sql`select id from unions where code = ${person.insurerCode}`;
  await sql`
    insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    values (${union.id}, ${person.symbol}, ${person.number}, '00', ${person.name}, ${person.kanaName}, ${normalizeKanaName(person.kanaName)}, ${person.birthDate}, '本人', true),
           (${union.id}, ${person.symbol}, ${person.number}, '01', '試験 花子', 'シケン ハナコ', ${normalizeKanaName("シケン ハナコ")}, '1985-01-01', '妻', false)`;
  return person;
}

export function newEmail(): string {
  return `m${crypto.randomBytes(5).toString("hex")}@example.jp`;
}

export function newUserId(): string {
  return `user_${crypto.randomBytes(4).toString("hex")}`;
}

export const PASSWORD = "Kenpo-2026x!";

/** Polls the built-in mailbox until a message for `to` arrives (newer than `after`, if given). */
export async function latestMail(request: APIRequestContext, to: string, opts: { count?: number } = {}) {
  let mails: { to: string; subject: string; text: string; createdAt: string }[] = [];
  await expect
    .poll(async () => {
      // A refused connection under load is a reason to poll again, not to fail.
      const response = await request.get(`/dev/mailbox.json?to=${encodeURIComponent(to)}`).catch(() => null);
      if (!response?.ok()) return 0;
      mails = await response.json();
      return mails.length;
    }, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(opts.count ?? 1);
  return mails[0];
}

/** The mailbox of `to` right now (one retry if the server dropped a kept-alive socket). */
export async function mailboxOf(page: Page, to: string): Promise<{ subject: string; text: string }[]> {
  const url = `/dev/mailbox.json?to=${encodeURIComponent(to)}`;
  const response = await page.request.get(url).catch(() => page.request.get(url));
  return response.json();
}

export function codeIn(text: string): string {
  const match = /^\s*(\d{6})\s*$/m.exec(text) ?? /(\d{6})/.exec(text);
  if (!match) throw new Error(`no 6-digit code in mail:\n${text}`);
  return match[1];
}

export async function fillRosterForm(page: Page, p: RosterPerson) {
  await page.getByLabel("保険者指定コード").fill(p.insurerCode);
  await page.getByLabel("記号", { exact: true }).fill(p.symbol);
  await page.getByLabel("番号", { exact: true }).fill(p.number);
  await page.getByLabel("生年月日").fill(p.birthDate);
  await page.getByLabel("氏名(カナ)").fill(p.kanaName);
}

export async function fillAccountForm(page: Page, a: { userId: string; password: string; email: string; confirm?: string }) {
  await page.getByLabel("ユーザーID").fill(a.userId);
  await page.getByLabel("パスワード", { exact: true }).fill(a.password);
  await page.getByLabel("パスワード(確認)").fill(a.confirm ?? a.password);
  await page.getByLabel("メールアドレス").fill(a.email);
}

export interface Member {
  person: RosterPerson;
  userId: string;
  password: string;
  email: string;
}

/** Signs a new person up through the UI, up to the login page. */
export async function signUp(page: Page, request: APIRequestContext): Promise<Member> {
  const person = await newRosterPerson();
  const member = { person, userId: newUserId(), password: PASSWORD, email: newEmail() };
  await page.goto("/signup");
  await fillRosterForm(page, person);
  await page.getByRole("button", { name: "認証" }).click();
  await expect(page).toHaveURL(/\/signup\/account$/);
  await fillAccountForm(page, member);
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/signup\/verify/);
  const mail = await latestMail(request, member.email);
  await page.getByLabel("認証番号").fill(codeIn(mail.text));
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/login\?created=1$/);
  return member;
}

export async function logIn(page: Page, m: { userId: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("ユーザーID").fill(m.userId);
  await page.getByLabel("パスワード", { exact: true }).fill(m.password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/** Signed up, logged in and consented: on the top page. */
export async function signedInMember(page: Page, request: APIRequestContext): Promise<Member> {
  const m = await signUp(page, request);
  await logIn(page, m);
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  return m;
}

// ---------------------------------------------------------------------------------------------
// Helpers for the member-*.spec.ts suites.
import type { Browser, BrowserContext, Locator, TestInfo } from "@playwright/test";

/** A client address like the one the `context` fixture uses, for a second browser context. */
export function randomClientIp(): string {
  return `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
}

/** Another browser context with this project's device settings, as a second phone would be. */
export async function newDeviceContext(browser: Browser, testInfo: TestInfo, ip = randomClientIp()): Promise<BrowserContext> {
  const u = testInfo.project.use;
  return browser.newContext({
    baseURL: u.baseURL,
    viewport: u.viewport,
    userAgent: u.userAgent,
    deviceScaleFactor: u.deviceScaleFactor,
    isMobile: u.isMobile,
    hasTouch: u.hasTouch,
    locale: u.locale,
    timezoneId: u.timezoneId,
    javaScriptEnabled: u.javaScriptEnabled,
    extraHTTPHeaders: { "x-forwarded-for": ip },
  });
}

/** Roster match for a new (or the given) person: ends on /signup/account. */
export async function toAccountStep(page: Page, person?: RosterPerson): Promise<RosterPerson> {
  const p = person ?? (await newRosterPerson());
  await page.goto("/signup");
  await fillRosterForm(page, p);
  await page.getByRole("button", { name: "認証" }).click();
  await expect(page).toHaveURL(/\/signup\/account$/);
  return p;
}

/** Steps 1 and 2 for a new (or the given) person: ends on /signup/verify with the emailed code. */
export async function toVerifyStep(page: Page, request: APIRequestContext, person?: RosterPerson): Promise<{ member: Member; code: string }> {
  const p = await toAccountStep(page, person);
  const member = { person: p, userId: newUserId(), password: PASSWORD, email: newEmail() };
  await fillAccountForm(page, member);
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/signup\/verify/);
  const mail = await latestMail(request, member.email);
  return { member, code: codeIn(mail.text) };
}

/** Signs the given roster person up through the UI, up to the login page. */
export async function signUpAs(page: Page, request: APIRequestContext, person: RosterPerson): Promise<Member> {
  const { member, code } = await toVerifyStep(page, request, person);
  await page.getByLabel("認証番号").fill(code);
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/login\?created=1$/);
  return member;
}

/** The other six-digit code that differs from `code` in its last digit. */
export function wrongCode(code: string): string {
  return code.slice(0, 5) + String((Number(code[5]) + 1) % 10);
}

/** Full-width digits, as a Japanese IME types them. */
export function fullWidthDigits(s: string): string {
  return s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The field is marked invalid and one of the elements its aria-describedby points at is visible
 * and carries the message (SPEC: "its message is shown next to it and linked by aria-describedby").
 */
export async function expectFieldError(page: Page, field: Locator, message: string | RegExp) {
  const text = typeof message === "string" ? new RegExp(escapeRegExp(message)) : message;
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(text);
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  expect(ids.length, "aria-describedby names the message").toBeGreaterThan(0);
  const described = page.locator(ids.map((id) => `[id="${id}"]`).join(", "));
  await expect(described.filter({ hasText: text })).toBeVisible();
}

/** A new union of its own (code, terms v1), for tests that change union-wide state. */
export async function newUnion(): Promise<{ id: number; code: string; name: string }> {
  const sql = e2eSql();
  const letters = Array.from({ length: 10 }, () => String.fromCharCode(97 + crypto.randomInt(26))).join("");
  const code = `e${letters}`;
  const name = `試験${letters.slice(0, 4)}健康保険組合`;
  const [union] = await sql`
    insert into unions (code, name, call_center_phone, call_center_hours, support_email, sender_email)
    values (${code}, ${name}, '050-0000-0000', '平日 10:00〜17:00', ${`support@${code}.example.jp`}, ${`no-reply@${code}.example.jp`})
    returning id`;
  await sql`insert into terms_versions (union_id, version, title, body) values (${union.id}, 1, ${`${name} 利用規約`}, '第1条 この規約は試験用です。')`;
  return { id: union.id, code, name };
}
