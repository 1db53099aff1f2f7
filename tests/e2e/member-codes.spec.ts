// The emailed 認証番号 of sign-up step 3 (SPEC "Member flows" 3): 10 minutes, newest only,
// single use, 5 wrong entries kill it, resend with a cool-down. Time is moved in the database.
import { MESSAGES } from "../../lib/errors";
import { e2eSql } from "./db";
import { codeIn, expect, expectFieldError, latestMail, test, toVerifyStep, wrongCode } from "./fixtures";
import type { Page } from "@playwright/test";

async function enterCode(page: Page, code: string) {
  await page.getByLabel("認証番号").fill(code);
  await page.getByRole("button", { name: "OK" }).click();
}

test("a wrong code says how many attempts are left", async ({ page, request }) => {
  const { code } = await toVerifyStep(page, request);
  await enterCode(page, wrongCode(code));
  await expectFieldError(page, page.getByLabel("認証番号"), /認証番号が正しくありません。.*あと4回/);
  await expect(page).toHaveURL(/\/signup\/verify$/);
});

test("an expired code is refused as expired", async ({ page, request }) => {
  const { member, code } = await toVerifyStep(page, request);
  const expired = await e2eSql()`
    update one_time_codes set expires_at = now() - interval '1 second'
     where purpose = 'signup' and email = ${member.email} and closed_at is null returning id`;
  expect(expired).toHaveLength(1);
  await enterCode(page, code);
  await expectFieldError(page, page.getByLabel("認証番号"), MESSAGES.codeExpired);
  await expect(page).toHaveURL(/\/signup\/verify$/);
});

test("a resent code replaces the old one: the old code is refused as old, the new one works", async ({ page, request }) => {
  const { member, code: oldCode } = await toVerifyStep(page, request);
  // Past the 60-second cool-down.
  await e2eSql()`update one_time_codes set issued_at = issued_at - interval '61 seconds' where purpose = 'signup' and email = ${member.email}`;
  await page.getByRole("button", { name: "認証番号を再送する" }).click();
  await expect(page.getByText("新しい認証番号を送信しました")).toBeVisible();
  const newCode = codeIn((await latestMail(request, member.email, { count: 2 })).text);

  await enterCode(page, oldCode);
  await expectFieldError(page, page.getByLabel("認証番号"), MESSAGES.codeSuperseded);
  await enterCode(page, newCode);
  await expect(page).toHaveURL(/\/login\?created=1$/);
});

test("5 wrong entries kill the code; then even the right code is refused", async ({ page, request }) => {
  const { member, code } = await toVerifyStep(page, request);
  const field = page.getByLabel("認証番号");
  for (const left of [4, 3, 2, 1]) {
    await enterCode(page, wrongCode(code));
    await expectFieldError(page, field, new RegExp(`あと${left}回`));
  }
  await enterCode(page, wrongCode(code));
  await expectFieldError(page, field, MESSAGES.codeKilled);

  // The right code now. The action's response arrives after the action has run: nothing was created.
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signup/verify");
  await enterCode(page, code);
  await answered;
  await expectFieldError(page, field, MESSAGES.codeKilled);
  expect(await e2eSql()`select id from members where lower(user_id) = lower(${member.userId})`).toHaveLength(0);
  await expect(page).toHaveURL(/\/signup\/verify$/);
});

test("a resend within the cool-down says how long to wait", async ({ page, request }) => {
  const { member } = await toVerifyStep(page, request);
  await page.getByRole("button", { name: "認証番号を再送する" }).click();
  await expect(page.getByText(/認証番号の再送は\d+秒後からできます。/)).toBeVisible();
  // No second mail went out.
  const mails = await (await request.get(`/dev/mailbox.json?to=${encodeURIComponent(member.email)}`)).json();
  expect(mails).toHaveLength(1);
});
