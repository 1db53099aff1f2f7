// Member support end to end: the union's admin finds a member and acts; the effect is seen on the
// member's side (their phone is a second browser context with the Pixel 7 device).
import type { Page } from "@playwright/test";
import { e2eSql } from "../db";
import { expect, expectFieldError, logIn, mailboxOf, newUnion, signUp, signedInMember, test } from "../fixtures";
import { adminLogIn, expectNoAxeViolations, newAdmin, phoneContext } from "./admin-fixtures";

async function openMember(page: Page, q: string) {
  await page.goto("/admin/members");
  await page.getByLabel("検索").fill(q);
  await page.getByRole("button", { name: "検索" }).click();
  await expect(page).toHaveURL(/\/admin\/members\?q=/);
  const links = page.getByRole("table").getByRole("link");
  await expect(links).toHaveCount(1);
  await links.click();
  await expect(page).toHaveURL(/\/admin\/members\/\d+$/);
}

function actionForm(page: Page, name: string) {
  return page.getByRole("form", { name });
}

async function act(page: Page, name: string, reason: string) {
  const form = actionForm(page, name);
  await form.getByLabel("理由").fill(reason);
  await form.getByRole("button", { name }).click();
}

test("search by 記号・番号, kana and user ID, paginated in the URL; another union's admin gets not-found", async ({ page, request }) => {
  const member = await signUp(page, request);
  const admin = await newAdmin();
  await adminLogIn(page, admin);
  const { symbol, number, kanaName } = member.person;

  await page.goto(`/admin/members?q=${encodeURIComponent(`${symbol} ${number}`)}`);
  await expect(page.getByRole("cell", { name: member.userId })).toBeVisible();
  await page.goto(`/admin/members?q=${encodeURIComponent(member.userId.toUpperCase())}`);
  await expect(page.getByRole("link", { name: `${symbol}-${number}` })).toBeVisible();
  await page.goto(`/admin/members?q=${encodeURIComponent(kanaName.split(" ")[0])}&page=1`);
  await expect(page.getByText(/全\d+件/)).toBeVisible();
  await expectNoAxeViolations(page);

  await openMember(page, `${symbol}-${number}`);
  const url = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${symbol}-${number}`);
  await expect(page.getByRole("cell", { name: member.userId, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "試験 花子" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Union B's admin: the same URL does not exist, and the search finds nobody.
  const other = await newUnion();
  const outsider = await newAdmin({ unionCode: other.code });
  await page.context().clearCookies();
  await adminLogIn(page, outsider);
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await page.goto(`/admin/members?q=${encodeURIComponent(member.userId)}`);
  await expect(page.getByText("該当する加入者はいません。")).toBeVisible();
});

test("ロック解除 lets a locked-out member log in again; 理由 is required", async ({ page, request }) => {
  const member = await signUp(page, request);
  await e2eSql()`update members set failed_logins = 10, locked_until = now() + interval '1 hour' where user_id = ${member.userId}`;
  await logIn(page, member);
  await expect(page.getByText(/ロックしています/)).toBeVisible();

  const admin = await newAdmin();
  await page.context().clearCookies();
  await adminLogIn(page, admin);
  await openMember(page, `${member.person.symbol}-${member.person.number}`);
  await expect(page.getByRole("cell", { name: /^ロック中\(/ })).toBeVisible();

  const form = actionForm(page, "ロック解除");
  await form.getByRole("button", { name: "ロック解除" }).click();
  await expectFieldError(page, form.getByLabel("理由"), "理由を入力してください。");
  await expectNoAxeViolations(page);

  await act(page, "ロック解除", "本人から電話があり確認しました");
  await expect(form.getByText("ロックを解除しました。")).toBeVisible();
  await act(page, "ロック解除", "二度目");
  await expect(form.getByText("この加入者はロックされていません。")).toBeVisible();

  await page.goto("/admin/audit?event=admin.member_unlocked");
  await expect(page.getByRole("cell", { name: "本人から電話があり確認しました" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "二度目" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.context().clearCookies();
  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
});

test("ログアウトさせる logs the member's phone out with a notice", async ({ page, browser, baseURL }) => {
  const phone = await phoneContext(browser, baseURL!);
  const memberPage = await phone.newPage();
  const member = await signedInMember(memberPage, memberPage.request);

  const admin = await newAdmin();
  await adminLogIn(page, admin);
  await openMember(page, member.userId);
  await expect(page.getByRole("cell", { name: /^Android Chrome\(スマートフォン\)\(/ })).toBeVisible();
  await act(page, "ログアウトさせる", "端末の紛失の連絡");
  await expect(actionForm(page, "ログアウトさせる").getByText("ログイン中の端末をすべてログアウトさせました。")).toBeVisible();

  await memberPage.goto("/account");
  await expect(memberPage).toHaveURL(/\/login\?reason=admin$/);
  await expect(memberPage.getByText("健康保険組合の担当者によりログアウトされました。")).toBeVisible();
  await phone.close();
});

test("利用停止 ends the phone's session and refuses login; 利用再開 lets the member in again", async ({ page, browser, baseURL }) => {
  const phone = await phoneContext(browser, baseURL!);
  const memberPage = await phone.newPage();
  const member = await signedInMember(memberPage, memberPage.request);

  const admin = await newAdmin();
  await adminLogIn(page, admin);
  await openMember(page, member.userId);
  await act(page, "利用停止", "退職による資格喪失の確認中");
  await expect(page.getByRole("cell", { name: /^利用停止中\(/ })).toBeVisible();

  await memberPage.goto("/");
  await expect(memberPage).toHaveURL(/\/login\?reason=admin$/);
  await logIn(memberPage, member);
  await expect(memberPage.getByText("現在この保険証ではログインできません。健康保険組合にお問い合わせください。")).toBeVisible();

  await act(page, "利用再開", "確認が取れたため");
  // The slot turns back into 利用停止 and keeps the message.
  await expect(actionForm(page, "利用停止").getByText("利用を再開しました。")).toBeVisible();
  await expect(page.getByRole("cell", { name: /^利用停止中\(/ })).toHaveCount(0);
  await logIn(memberPage, member);
  await expect(memberPage).toHaveURL(/\/$/);
  await phone.close();
});

test("ユーザーIDを通知 mails the user ID once a minute at most", async ({ page, request }) => {
  const member = await signUp(page, request);
  const before = (await mailboxOf(page, member.email)).length;
  const admin = await newAdmin();
  await adminLogIn(page, admin);
  await openMember(page, member.email);
  await act(page, "ユーザーIDを通知", "ユーザーIDを忘れたとの電話");
  const form = actionForm(page, "ユーザーIDを通知");
  await expect(form.getByText("登録メールアドレスにユーザーIDを送信しました。")).toBeVisible();
  await act(page, "ユーザーIDを通知", "もう一度");
  await expect(form.getByText(/1分以内に送信済み/)).toBeVisible();
  await expect.poll(async () => (await mailboxOf(page, member.email)).length).toBe(before + 1);
  const [mail] = await mailboxOf(page, member.email);
  expect(mail.subject).toContain("ユーザーIDのお知らせ");
  expect(mail.text).toContain(member.userId);
});

test("axe: the surveys and audit pages, and the audit page with filters", async ({ page }) => {
  const admin = await newAdmin({ operator: true });
  await adminLogIn(page, admin);
  await page.goto("/admin/surveys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("調査");
  await expectNoAxeViolations(page);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("監査ログ");
  await expect(page.getByRole("cell", { name: `管理者 ${admin.loginId}` }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("操作した管理者(管理者ID)").fill(admin.loginId);
  await page.getByLabel("開始日").fill("2026-01-01");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${admin.loginId}`));
  await expect(page.getByRole("cell", { name: "管理者ログイン", exact: true }).first()).toBeVisible();
  await page.goto("/admin/members");
  await expectNoAxeViolations(page);
});
