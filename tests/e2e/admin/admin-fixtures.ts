// Admins for the e2e suite: inserted into the e2e database with their TOTP secret encrypted under
// the server's AUTH_SECRET (tests/e2e/server.ts), so the test can compute the codes with otplib.
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, devices, type Page } from "@playwright/test";
import { totpCode } from "../../../lib/admin/totp";
import { encryptTotpSecret } from "../../../lib/admin/totp-secret";
import { hashPassword } from "../../../lib/auth/hash";
import { newTotpSecret } from "../../../lib/admin/totp";
import { e2eSql } from "../db";
import { expect, logIn, randomClientIp, signUpAs, type RosterPerson } from "../fixtures";

/** The AUTH_SECRET tests/e2e/server.ts starts the server with. */
const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";

export interface E2EAdmin {
  id: number;
  loginId: string;
  password: string;
  totpSecret: string;
  /** The code of the current 30-second step. */
  code(): Promise<string>;
}

export const ADMIN_PASSWORD = "Admin#2026-e2e";

/** A union admin of `unionCode` (default: the demo union `jkc`), or an operator. */
export async function newAdmin(opts: { unionCode?: string; operator?: boolean } = {}): Promise<E2EAdmin> {
  const sql = e2eSql();
  const loginId = `adm_${crypto.randomBytes(4).toString("hex")}`;
  const totpSecret = newTotpSecret();
  let unionId: number | null = null;
  if (!opts.operator) [{ id: unionId }] = await sql`select id from unions where code = ${opts.unionCode ?? "jkc"}`;
  const [row] = await sql`
    insert into admins (login_id, email, password_hash, totp_secret, role, union_id)
    values (${loginId}, ${`${loginId}@admin.example.jp`}, ${await hashPassword(ADMIN_PASSWORD)}, ${encryptTotpSecret(totpSecret, E2E_AUTH_SECRET)},
            ${opts.operator ? "operator" : "union_admin"}, ${unionId})
    returning id`;
  return { id: row.id, loginId, password: ADMIN_PASSWORD, totpSecret, code: () => totpCode(totpSecret, new Date()) };
}

export async function fillAdminLogin(page: Page, admin: { loginId: string; password: string }, code: string) {
  await page.goto("/admin/login");
  await page.getByLabel("管理者ID").fill(admin.loginId);
  await page.getByLabel("パスワード", { exact: true }).fill(admin.password);
  await page.getByLabel("確認コード").fill(code);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/** Logs in and waits until the session cookie works (the dashboard may belong to another branch). */
export async function adminLogIn(page: Page, admin: E2EAdmin, code?: string) {
  await fillAdminLogin(page, admin, code ?? (await admin.code()));
  await expect(page).toHaveURL(/\/admin$/);
}

export const ADMIN_INVALID = "管理者ID、パスワードまたは確認コードが正しくありません。";

/** A phone (Pixel 7) of its own, as the member's device next to the admin's desktop. */
export async function phoneContext(browser: Browser, baseURL: string) {
  const { defaultBrowserType: _ignored, ...pixel } = devices["Pixel 7"];
  void _ignored;
  return browser.newContext({ ...pixel, baseURL, locale: "ja-JP", timezoneId: "Asia/Tokyo", extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
}

/** A member on a Pixel 7, signed up, signed in, terms accepted. */
export async function phoneMember(browser: Browser, baseURL: string, person: RosterPerson) {
  const phone = await phoneContext(browser, baseURL);
  const mp = await phone.newPage();
  const member = await signUpAs(mp, mp.request, person);
  await logIn(mp, member);
  await mp.getByLabel("利用規約に同意する").check();
  await mp.getByRole("button", { name: "次へ" }).click();
  await expect(mp).toHaveURL(/\/$/);
  return { phone, mp, member };
}

/** The signed-in admin creates a draft survey closing on 2099-01-31 from /admin/surveys; returns its id. */
export async function createDraftSurvey(page: Page, options: { axe?: boolean } = {}): Promise<number> {
  await page.goto("/admin/surveys");
  if (options.axe) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("調査");
    await expectNoAxeViolations(page);
  }
  await page.getByLabel("締切日").fill("2099-01-31");
  await page.getByRole("button", { name: "下書きを作成する" }).click();
  await expect(page).toHaveURL(/\/admin\/surveys\/\d+$/);
  return Number(/\/admin\/surveys\/(\d+)/.exec(page.url())![1]);
}

export async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/被扶養者資格調査/);
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}
