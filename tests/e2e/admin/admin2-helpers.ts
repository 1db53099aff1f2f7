// Helpers for the roster / dashboard / settings / operator suites: an admin inserted into the e2e
// database with its TOTP secret encrypted under the server's AUTH_SECRET, the login through the
// real form with a computed code, and axe. (The admin branch has a fuller admin-fixtures.ts; these
// can move onto it once both are on main.)
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { newTotpSecret, totpCode } from "../../../lib/admin/totp";
import { encryptTotpSecret } from "../../../lib/admin/totp-secret";
import { hashPassword } from "../../../lib/auth/hash";
import { e2eSql } from "../db";
import { expect } from "../fixtures";

const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
const PASSWORD = "Admin#2026-e2e";

export interface TestAdmin {
  loginId: string;
  totpSecret: string;
}

export async function insertAdmin(opts: { unionId?: number; operator?: boolean }): Promise<TestAdmin> {
  const loginId = `adm2_${crypto.randomBytes(4).toString("hex")}`;
  const totpSecret = newTotpSecret();
  await e2eSql()`
    insert into admins (login_id, email, password_hash, totp_secret, role, union_id)
    values (${loginId}, ${`${loginId}@admin.example.jp`}, ${await hashPassword(PASSWORD)}, ${encryptTotpSecret(totpSecret, E2E_AUTH_SECRET)},
            ${opts.operator ? "operator" : "union_admin"}, ${opts.operator ? null : opts.unionId!})`;
  return { loginId, totpSecret };
}

export async function logInAdmin(page: Page, admin: TestAdmin) {
  await page.goto("/admin/login");
  await page.getByLabel("管理者ID").fill(admin.loginId);
  await page.getByLabel("パスワード", { exact: true }).fill(PASSWORD);
  await page.getByLabel("確認コード").fill(await totpCode(admin.totpSecret, new Date()));
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

export async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/被扶養者資格調査/);
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}
