// /admin/settings: field errors (aria-invalid, described, axe-clean), saving, and 新しい版を公開する
// seen end to end: a member on a Pixel 7 who had consented is sent to /terms and consents again.
import { devices } from "@playwright/test";
import { e2eSql } from "../db";
import { expect, expectFieldError, logIn, newRosterPerson, newUnion, randomClientIp, signUpAs, test } from "../fixtures";
import { adminLogIn, expectNoAxeViolations, newAdmin } from "./admin-fixtures";

test("settings: Japanese errors next to the fields, then a save that the database keeps", async ({ page }) => {
  const union = await newUnion();
  await adminLogIn(page, await newAdmin({ unionCode: union.code }));
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("設定");
  await expectNoAxeViolations(page);

  await page.getByLabel("電話番号").fill("電話");
  await page.getByLabel("問い合わせ先メール").fill("not-an-address");
  await page.getByLabel("調査の開始日").fill("2026-07-01");
  await page.getByLabel("調査の締切日").fill("2026-06-01");
  await page.getByRole("button", { name: "保存する" }).click();
  await expectFieldError(page, page.getByLabel("電話番号"), "電話番号は半角数字とハイフンで入力してください");
  await expectFieldError(page, page.getByLabel("問い合わせ先メール"), "問い合わせ先メールの形式が正しくありません");
  await expectFieldError(page, page.getByLabel("調査の締切日"), "調査の締切日は開始日以降の日付にしてください。");
  await expectNoAxeViolations(page);

  await page.getByLabel("電話番号").fill("03-1234-5678");
  await page.getByLabel("問い合わせ先メール").fill("help@example.jp");
  await page.getByLabel("調査の締切日").fill("2026-07-31");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("設定を保存しました。")).toBeVisible();
  const [row] = await e2eSql()`select call_center_phone, support_email, survey_closes_on::text as closes from unions where id = ${union.id}`;
  expect(row).toEqual({ call_center_phone: "03-1234-5678", support_email: "help@example.jp", closes: "2026-07-31" });
});

test("新しい版を公開する: the member's phone is sent to /terms and consents again", async ({ page, browser, baseURL, request }) => {
  const union = await newUnion();
  const person = await newRosterPerson({ insurerCode: union.code });
  const { defaultBrowserType: _ignored, ...pixel } = devices["Pixel 7"];
  void _ignored;
  const phone = await browser.newContext({ ...pixel, baseURL, locale: "ja-JP", timezoneId: "Asia/Tokyo", extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  const mobile = await phone.newPage();
  const member = await signUpAs(mobile, request, person);
  await logIn(mobile, member);
  await expect(mobile).toHaveURL(/\/terms$/);
  await mobile.getByLabel("利用規約に同意する").check();
  await mobile.getByRole("button", { name: "次へ" }).click();
  await expect(mobile).toHaveURL(/\/$/);

  await adminLogIn(page, await newAdmin({ unionCode: union.code }));
  await page.goto("/admin/settings");
  await expect(page.getByText("いまの版: 第1版")).toBeVisible();
  // Publishing the text unchanged is refused (a double click must not re-ask every member).
  await page.getByRole("button", { name: "新しい版を公開する" }).click();
  await expectFieldError(page, page.getByLabel("利用規約", { exact: true }), "いまの版と同じ内容です");
  await expectNoAxeViolations(page);
  await page.getByLabel("利用規約", { exact: true }).fill("第1条 改定した規約です。\n第2条 個人情報は調査のためにのみ使います。");
  await page.getByRole("button", { name: "新しい版を公開する" }).click();
  await expect(page.getByText("利用規約の第2版を公開しました。")).toBeVisible();
  await expect(page.getByText("いまの版: 第2版")).toBeVisible();

  await mobile.goto("/");
  await expect(mobile).toHaveURL(/\/terms$/);
  await expect(mobile.getByText("第1条 改定した規約です。")).toBeVisible();
  await mobile.getByLabel("利用規約に同意する").check();
  await mobile.getByRole("button", { name: "次へ" }).click();
  await expect(mobile).toHaveURL(/\/$/);
  const [consent] = await e2eSql()`
    select tv.version from terms_consents tc join terms_versions tv on tv.id = tc.terms_version_id
     join members m on m.id = tc.member_id where m.user_id = ${member.userId} order by tv.version desc limit 1`;
  expect(consent.version).toBe(2);
  await phone.close();
});

test("tenant isolation: another union's settings are not found by URL, and a forged union id changes nothing", async ({ page }) => {
  const mine = await newUnion();
  const theirs = await newUnion();
  await adminLogIn(page, await newAdmin({ unionCode: mine.code }));
  expect((await page.goto(`/admin/settings?union=${theirs.id}`))?.status()).toBe(404);
  await page.goto("/admin/settings");
  // Change the hidden union id in the page before posting, as a forged form would.
  await page.locator('input[type="hidden"][name="unionId"]').first().evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), theirs.id);
  await page.getByLabel("組合名").fill("乗っ取り健康保険組合");
  await page.getByRole("button", { name: "保存する" }).click();
  await expect(page.getByText("対象の健康保険組合が見つかりません。")).toBeVisible();
  await page.locator('input[type="hidden"][name="unionId"]').nth(1).evaluate((el, id) => ((el as HTMLInputElement).value = String(id)), theirs.id);
  await page.getByLabel("利用規約", { exact: true }).fill("乗っ取り規約");
  await page.getByRole("button", { name: "新しい版を公開する" }).click();
  await expect(page.getByText("対象の健康保険組合が見つかりません。").nth(1)).toBeVisible();
  const [row] = await e2eSql()`select name, (select max(version) from terms_versions where union_id = ${theirs.id}) as v from unions where id = ${theirs.id}`;
  expect(row).toEqual({ name: theirs.name, v: 1 });
});
