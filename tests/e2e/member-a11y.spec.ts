// Accessibility: axe finds no violation on any member page, including a form showing its errors.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, fillAccountForm, logIn, newEmail, newUserId, PASSWORD, signUp, test, toAccountStep } from "./fixtures";

async function expectNoAxeViolations(page: Page) {
  // After a client-side navigation Next streams the new <title> in; check the page once it is there.
  await expect(page).toHaveTitle(/被扶養者資格調査/);
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

test("signed-out pages: /login, /signup, and /signup showing its errors", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ログイン");
  await expectNoAxeViolations(page);

  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ユーザーIDの作成");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "認証" }).click();
  await expect(page.getByLabel("保険者指定コード")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("氏名(カナ)")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
});

test("sign-up steps: /signup/account and /signup/verify", async ({ page }) => {
  await toAccountStep(page);
  await expectNoAxeViolations(page);

  const email = newEmail();
  await fillAccountForm(page, { userId: newUserId(), password: PASSWORD, email });
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/signup\/verify$/);
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("member pages: /terms, / and /account", async ({ page, request }) => {
  const member = await signUp(page, request);
  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
  await expectNoAxeViolations(page);

  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectNoAxeViolations(page);

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("アカウント設定");
  await expectNoAxeViolations(page);
});

test("recovery pages: /forgot-id, /forgot-password, its reset step, and /account/email", async ({ page, request }) => {
  await page.goto("/forgot-id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ユーザーIDの確認");
  await expectNoAxeViolations(page);

  const member = await signUp(page, request);
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("パスワードの再設定");
  await expectNoAxeViolations(page);
  await page.getByLabel("ユーザーID").fill(member.userId);
  await page.getByLabel("メールアドレス").fill(member.email);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/forgot-password\/reset$/);
  await expectNoAxeViolations(page);

  await logIn(page, member);
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  await page.getByLabel("新しいメールアドレス").fill(newEmail());
  await page.locator("#emailCurrentPassword").fill(member.password);
  await page.getByRole("button", { name: "認証番号を送信する" }).click();
  await expect(page).toHaveURL(/\/account\/email$/);
  await expectNoAxeViolations(page);
});
