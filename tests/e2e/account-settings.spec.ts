// The account page on a phone (SPEC "Member flows" 7): change password (current password
// required, the other device is logged out, a notice is mailed) and change email (the code goes
// to the NEW address, the change applies only with it, the OLD address gets a notice). The last
// block runs forgot-password and change-password with JavaScript off.
import type { Page } from "@playwright/test";
import { MESSAGES } from "../../lib/errors";
import { e2eSql } from "./db";
import { codeIn, expect, expectFieldError, latestMail, logIn, mailboxOf, newDeviceContext, newEmail, signedInMember, signUp, test, wrongCode } from "./fixtures";

const NEW_PASSWORD = "Shin#2026pw";
const CHANGED = "パスワードを変更しました。";
const WRONG_CURRENT = "現在のパスワードが正しくありません。";
const REUSED = "以前に使ったパスワードは使えません";

async function changePassword(page: Page, current: string, next: string) {
  await page.locator("#currentPassword").fill(current);
  await page.getByLabel("新しいパスワード", { exact: true }).fill(next);
  await page.getByLabel("新しいパスワード(確認)").fill(next);
  await page.getByRole("button", { name: "パスワードを変更する" }).click();
}

const liveSessionsOf = (userId: string) => e2eSql()`
  select id from sessions where ended_at is null and member_id = (select id from members where lower(user_id) = lower(${userId}))`;

test("changing the password on one phone logs the other phone out and mails a notice", async ({ page, request, browser }, testInfo) => {
  test.slow();
  const member = await signedInMember(page, request);

  const other = await newDeviceContext(browser, testInfo);
  try {
    const second = await other.newPage();
    await logIn(second, member);
    await expect(second).toHaveURL(/\/$/);
    await second.goto("/account");
    await changePassword(second, member.password, NEW_PASSWORD);
    await expect(second.getByText(CHANGED)).toBeVisible();
    expect((await latestMail(request, member.email, { count: 2 })).subject).toContain("パスワード変更のお知らせ");

    // The first phone is logged out; the phone that made the change stays logged in.
    await page.reload();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login/);
    await second.reload();
    await expect(second).toHaveURL(/\/account$/);
    await expect(second.getByRole("heading", { level: 1 })).toHaveText("アカウント設定");
    expect(await liveSessionsOf(member.userId)).toHaveLength(1);
  } finally {
    await other.close();
  }

  await logIn(page, member);
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  await logIn(page, { userId: member.userId, password: NEW_PASSWORD });
  await expect(page).toHaveURL(/\/$/);
});

test("a wrong current password and a previous password are field errors, and nothing changes", async ({ page, request }) => {
  const member = await signedInMember(page, request);
  await page.goto("/account");

  await changePassword(page, `${member.password}x`, NEW_PASSWORD);
  await expectFieldError(page, page.locator("#currentPassword"), WRONG_CURRENT);
  await changePassword(page, member.password, member.password);
  await expectFieldError(page, page.getByLabel("新しいパスワード", { exact: true }), REUSED);
  await expect(page).toHaveURL(/\/account$/);
  expect(await mailboxOf(page, member.email)).toHaveLength(1);
});

test("changing the email: the code goes to the new address, the change waits for it, and the old address gets a notice", async ({ page, request }) => {
  test.slow();
  const member = await signedInMember(page, request);
  const address = newEmail();
  const shown = page.locator("dd").filter({ hasText: "@" });

  await page.goto("/account");
  await expect(shown).toHaveText(member.email);
  await page.getByLabel("新しいメールアドレス").fill(address);
  await page.locator("#emailCurrentPassword").fill(member.password);
  await page.getByRole("button", { name: "認証番号を送信する" }).click();
  await expect(page).toHaveURL(/\/account\/email$/);
  await expect(page.getByText(address)).toBeVisible();

  const mail = await latestMail(request, address);
  expect(mail.subject).toContain("メールアドレス変更の認証番号");
  const code = codeIn(mail.text);
  // Nothing went to the old address yet, and the account still shows it.
  expect(await mailboxOf(page, member.email)).toHaveLength(1);
  await page.goto("/account");
  await expect(shown).toHaveText(member.email);

  await page.goto("/account/email");
  await page.getByLabel("認証番号").fill(wrongCode(code));
  await page.getByRole("button", { name: "OK" }).click();
  await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
  await page.goto("/account");
  await expect(shown).toHaveText(member.email);

  await page.goto("/account/email");
  await page.getByLabel("認証番号").fill(code);
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/account\?changed=email$/);
  await expect(page.getByText("メールアドレスを変更しました")).toBeVisible();
  await expect(shown).toHaveText(address);

  const notice = await latestMail(request, member.email, { count: 2 });
  expect(notice.subject).toContain("メールアドレス変更のお知らせ");
  expect(notice.text).toContain(`${address[0]}***@example.jp`);
  expect(notice.text).not.toContain(address);
});

test("a wrong current password on the email form is a field error and sends nothing", async ({ page, request }) => {
  const member = await signedInMember(page, request);
  const address = newEmail();
  await page.goto("/account");
  await page.getByLabel("新しいメールアドレス").fill(address);
  await page.locator("#emailCurrentPassword").fill(`${member.password}x`);
  await page.getByRole("button", { name: "認証番号を送信する" }).click();
  await expectFieldError(page, page.locator("#emailCurrentPassword"), WRONG_CURRENT);
  await expect(page).toHaveURL(/\/account$/);
  expect(await mailboxOf(page, address)).toHaveLength(0);
});

test("logging out from the account page ends the session", async ({ page, request }) => {
  const member = await signedInMember(page, request);
  await page.goto("/account");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
  await expect(page.getByText("ログアウトしました。")).toBeVisible();
  expect(await liveSessionsOf(member.userId)).toHaveLength(0);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("forgot password: a previous password is refused, then the reset works", async ({ page, request }) => {
    test.slow();
    const member = await signUp(page, request);
    await page.goto("/forgot-password");
    await page.getByLabel("ユーザーID").fill(member.userId);
    await page.getByLabel("メールアドレス").fill(member.email);
    await page.getByRole("button", { name: "次へ" }).click();
    await expect(page).toHaveURL(/\/forgot-password\/reset$/);
    const code = codeIn((await latestMail(request, member.email, { count: 2 })).text);

    const submit = async (c: string, password: string) => {
      await page.getByLabel("認証番号").fill(c);
      await page.getByLabel("新しいパスワード", { exact: true }).fill(password);
      await page.getByLabel("新しいパスワード(確認)").fill(password);
      await page.getByRole("button", { name: "パスワードを再設定する" }).click();
    };
    await submit(wrongCode(code), NEW_PASSWORD);
    await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
    await submit(code, member.password);
    await expectFieldError(page, page.getByLabel("新しいパスワード", { exact: true }), REUSED);
    // Passwords are never echoed back.
    await expect(page.getByLabel("新しいパスワード", { exact: true })).toHaveValue("");

    await submit(code, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/login\?reason=reset$/);
    await expect(page.getByText("パスワードを再設定しました")).toBeVisible();
    await logIn(page, { userId: member.userId, password: NEW_PASSWORD });
    await expect(page).toHaveURL(/\/terms$/);
  });

  test("change password: a wrong current password is a field error, then the change works", async ({ page, request }) => {
    test.slow();
    const member = await signedInMember(page, request);
    await page.goto("/account");
    await changePassword(page, `${member.password}x`, NEW_PASSWORD);
    await expectFieldError(page, page.locator("#currentPassword"), WRONG_CURRENT);

    await changePassword(page, member.password, NEW_PASSWORD);
    await expect(page.getByText(CHANGED)).toBeVisible();
    expect((await latestMail(request, member.email, { count: 2 })).subject).toContain("パスワード変更のお知らせ");

    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/login/);
    await logIn(page, { userId: member.userId, password: NEW_PASSWORD });
    await expect(page).toHaveURL(/\/$/);
  });
});
