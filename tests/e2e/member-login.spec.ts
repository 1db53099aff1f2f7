// Login (SPEC "Member flows" 4): no enumeration, lockout after 10 failures, one session per
// account, 30-minute idle expiry, and no member page without a session.
import { formatJst, MESSAGES } from "../../lib/errors";
import { e2eSql } from "./db";
import { expect, latestMail, logIn, newDeviceContext, signedInMember, signUp, test } from "./fixtures";

test("a wrong password and an unknown user ID read exactly the same", async ({ page, request }) => {
  const member = await signUp(page, request);

  await logIn(page, { userId: member.userId, password: `${member.password}x` });
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  const wrongPassword = await page.locator("main form").first().innerText();

  await logIn(page, { userId: `${member.userId}zz`, password: member.password });
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  const unknownUser = await page.locator("main form").first().innerText();

  expect(unknownUser).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/login$/);
});

test("10 wrong passwords lock the account for an hour, mail the member, and refuse even the right password until then", async ({ page, request }) => {
  const member = await signUp(page, request);
  for (let i = 1; i <= 9; i++) {
    await logIn(page, { userId: member.userId, password: `wrong-${i}-Pass` });
    await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  }
  await logIn(page, { userId: member.userId, password: "wrong-10-Pass" });
  const locked = page.getByText(/アカウントをロックしています。.*を過ぎてから/);
  await expect(locked).toBeVisible();

  const [row] = await e2eSql()`select locked_until from members where lower(user_id) = lower(${member.userId})`;
  const until = new Date(row.locked_until);
  expect(until.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
  expect(until.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  await expect(locked).toContainText(`${formatJst(until)}を過ぎてから`);

  const mail = await latestMail(request, member.email, { count: 2 });
  expect(mail.subject).toContain("ロック");

  // The right password, while locked: still the locked message, no session.
  await logIn(page, member);
  await expect(page.getByText(/アカウントをロックしています。.*を過ぎてから/)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // An hour later (moved in the database) the right password works.
  await e2eSql()`update members set locked_until = now() - interval '1 second' where lower(user_id) = lower(${member.userId})`;
  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
});

test("a login on a second phone ends the session on the first", async ({ page, request, browser }, testInfo) => {
  const member = await signedInMember(page, request);

  const other = await newDeviceContext(browser, testInfo);
  try {
    const second = await other.newPage();
    await logIn(second, member);
    await expect(second).toHaveURL(/\/$/);
    await expect(second.getByRole("heading", { level: 1 })).toHaveText(`${member.person.name} 様`);
  } finally {
    await other.close();
  }

  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("別の端末でログインしたため、ログアウトしました")).toBeVisible();
});

test("after 30 minutes without activity the next page view asks to log in again", async ({ page, request }) => {
  const member = await signedInMember(page, request);
  const moved = await e2eSql()`
    update sessions set last_seen_at = now() - interval '31 minutes'
     where ended_at is null and member_id = (select id from members where lower(user_id) = lower(${member.userId})) returning id`;
  expect(moved).toHaveLength(1);

  await page.goto("/account");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText(MESSAGES.sessionIdle)).toBeVisible();
  await expect(page.getByText(MESSAGES.sessionIdle)).toContainText("30分");
});

test("signed out, the top page, terms and account settings send to login", async ({ page }) => {
  for (const path of ["/", "/terms", "/account"]) {
    await page.goto(path);
    await expect(page, `${path} redirects`).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("ログイン");
  }
});
