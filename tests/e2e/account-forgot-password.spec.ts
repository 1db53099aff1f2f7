// Forgot password on a phone (SPEC "Member flows" 7): user ID + registered email → an emailed
// 認証番号 → a new password. The next page reads the same whether or not the pair exists; a
// previous password is refused; success sends the member to login and ends every other session.
import type { Page } from "@playwright/test";
import { MESSAGES } from "../../lib/errors";
import { e2eSql } from "./db";
import { codeIn, expect, expectFieldError, latestMail, logIn, mailboxOf, newDeviceContext, newEmail, signedInMember, signUp, test, wrongCode } from "./fixtures";

const NEW_PASSWORD = "Shin#2026pw";
const RESET_DONE = "パスワードを再設定しました。新しいパスワードでログインしてください。";
const REUSED = "以前に使ったパスワードは使えません";

async function requestReset(page: Page, userId: string, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("ユーザーID").fill(userId);
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/forgot-password\/reset$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新しいパスワードの設定");
}

async function submitReset(page: Page, code: string, password: string) {
  await page.getByLabel("認証番号").fill(code);
  await page.getByLabel("新しいパスワード", { exact: true }).fill(password);
  await page.getByLabel("新しいパスワード(確認)").fill(password);
  await page.getByRole("button", { name: "パスワードを再設定する" }).click();
}

test("an unknown user ID or a wrong email reads exactly like a registered pair; only the registered pair is mailed", async ({ page, request }) => {
  test.slow();
  const member = await signUp(page, request);
  const wrongAddress = newEmail();

  await requestReset(page, `nobody_${member.userId.slice(5)}`, member.email);
  const unknownId = await page.locator("main").innerText();
  await requestReset(page, member.userId, wrongAddress);
  const wrongEmail = (await page.locator("main").innerText()).replaceAll(wrongAddress, member.email);
  await requestReset(page, member.userId, member.email);
  const registered = await page.locator("main").innerText();

  expect(unknownId).toBe(registered);
  expect(wrongEmail).toBe(registered);
  expect(registered).toContain(member.email);

  // The sign-up code, then exactly one reset code: neither other request sent anything.
  const mail = await latestMail(request, member.email, { count: 2 });
  expect(mail.subject).toContain("パスワード再設定の認証番号");
  expect(await mailboxOf(page, member.email)).toHaveLength(2);
  expect(await mailboxOf(page, wrongAddress)).toHaveLength(0);

  // A wrong code reads the same for the registered pair and for the unknown one.
  const code = codeIn(mail.text);
  await submitReset(page, wrongCode(code), NEW_PASSWORD);
  await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
  const registeredWrong = await page.locator("main").innerText();

  await requestReset(page, `nobody_${member.userId.slice(5)}`, member.email);
  await submitReset(page, wrongCode(code), NEW_PASSWORD);
  await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
  expect(await page.locator("main").innerText()).toBe(registeredWrong);
});

test("reset on the phone: a wrong code and a previous password are refused, then the new password replaces the old", async ({ page, request }) => {
  test.slow();
  const member = await signUp(page, request);
  await requestReset(page, member.userId, member.email);
  const mail = await latestMail(request, member.email, { count: 2 });
  expect(mail.subject).toContain("パスワード再設定の認証番号");
  const code = codeIn(mail.text);

  await submitReset(page, wrongCode(code), NEW_PASSWORD);
  await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
  await expect(page).toHaveURL(/\/forgot-password\/reset$/);

  // The current password is in the history; the code stays usable after the refusal.
  await submitReset(page, code, member.password);
  await expectFieldError(page, page.getByLabel("新しいパスワード", { exact: true }), REUSED);
  await expect(page).toHaveURL(/\/forgot-password\/reset$/);

  await submitReset(page, code, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/login\?reason=reset$/);
  await expect(page.getByText(RESET_DONE)).toBeVisible();
  expect((await latestMail(request, member.email, { count: 3 })).subject).toContain("パスワード変更のお知らせ");

  await logIn(page, member);
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, { userId: member.userId, password: NEW_PASSWORD });
  await expect(page).toHaveURL(/\/terms$/);
});

test("an expired code is refused as expired", async ({ page, request }) => {
  const member = await signUp(page, request);
  await requestReset(page, member.userId, member.email);
  const code = codeIn((await latestMail(request, member.email, { count: 2 })).text);
  const expired = await e2eSql()`
    update one_time_codes set expires_at = now() - interval '1 second'
     where purpose = 'password_reset' and email = ${member.email} and closed_at is null returning id`;
  expect(expired).toHaveLength(1);

  await submitReset(page, code, NEW_PASSWORD);
  await expectFieldError(page, page.getByLabel("認証番号"), MESSAGES.codeExpired);
  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
});

test("ten minutes later, a code typed for an unknown pair reads like one typed for a registered pair", async ({ page, request }) => {
  test.slow();
  const member = await signUp(page, request);
  const nobody = `nobody_${member.userId.slice(5)}`;
  await requestReset(page, member.userId, member.email);
  const code = codeIn((await latestMail(request, member.email, { count: 2 })).text);
  // The member comes back after the 10 minutes (the reset page stays open for 30).
  await e2eSql()`
    update one_time_codes set issued_at = issued_at - interval '10 minutes', expires_at = expires_at - interval '10 minutes'
     where purpose = 'password_reset' and email = ${member.email} and closed_at is null`;
  await submitReset(page, code, NEW_PASSWORD);
  await expect(page.getByLabel("認証番号")).toHaveAttribute("aria-invalid", "true");
  const registered = await page.locator("main").innerText();

  // An unknown ID with the same address gets a decoy code (never sent); the same 10 minutes pass.
  await requestReset(page, nobody, member.email);
  const decoys = await e2eSql()`
    update one_time_codes set issued_at = issued_at - interval '10 minutes', expires_at = expires_at - interval '10 minutes'
     where purpose = 'password_reset' and email = ${member.email} and closed_at is null and subject like 'unknown:%' returning id`;
  expect(decoys).toHaveLength(1);
  await submitReset(page, code, NEW_PASSWORD);
  await expect(page.getByLabel("認証番号")).toHaveAttribute("aria-invalid", "true");
  expect(await page.locator("main").innerText()).toBe(registered);
});

test("a reset ends the session on the member's other phone", async ({ page, request, browser }, testInfo) => {
  test.slow();
  const member = await signedInMember(page, request);

  const other = await newDeviceContext(browser, testInfo);
  try {
    const second = await other.newPage();
    await requestReset(second, member.userId, member.email);
    const code = codeIn((await latestMail(request, member.email, { count: 2 })).text);
    await submitReset(second, code, NEW_PASSWORD);
    await expect(second).toHaveURL(/\/login\?reason=reset$/);
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("パスワードが変更されたため、ログアウトしました")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
});
