// Two app servers on one database agree, because every counter and session lives in Postgres:
// 50 parallel wrong passwords split across both count exactly 10 and lock the account, and one
// session per account holds whichever server a login lands on.
import { e2eSql } from "../db";
import { expect, logIn, randomClientIp, signUp, test } from "../fixtures";
import { startInstance, type Instance } from "./instance";

let second: Instance;
test.beforeAll(async () => {
  second = await startInstance();
});
test.afterAll(async () => {
  await second?.stop();
});

test("50 parallel wrong passwords across two servers count exactly 10 and lock the account", async ({ page, request, baseURL }) => {
  const member = await signUp(page, request);
  const statuses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      request
        .post(`${i % 2 === 0 ? baseURL : second.url}/login/submit`, {
          // Each from its own address, so only the account's own counter is in play; half
          // url-encoded as the form posts (answered by scripts/server.ts itself), half multipart
          // (answered by Next's route).
          [Math.floor(i / 2) % 2 === 0 ? "form" : "multipart"]: { userId: member.userId, password: `Wrong-${i}-pass!` },
          headers: { "x-forwarded-for": randomClientIp(), origin: i % 2 === 0 ? baseURL! : second.url },
        })
        .then((r) => r.status()),
    ),
  );
  expect(statuses.every((s) => s < 500), `statuses: ${statuses.join(",")}`).toBe(true);
  const [row] = await e2eSql()`select failed_logins, locked_until from members where user_id = ${member.userId}`;
  expect(row.failed_logins).toBe(10);
  expect(row.locked_until).not.toBeNull();
  const [{ n }] = await e2eSql()`select count(*)::int as n from login_attempts a join members m on m.id = a.member_id where m.user_id = ${member.userId} and a.result = 'bad_password'`;
  expect(n).toBe(10);
});

test("a login on the second server ends the session opened on the first", async ({ page, request, browser }) => {
  const member = await signUp(page, request);
  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);

  const other = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  const phone = await other.newPage();
  await phone.goto(`${second.url}/login`);
  await phone.getByLabel("ユーザーID").fill(member.userId);
  await phone.getByLabel("パスワード", { exact: true }).fill(member.password);
  await phone.getByRole("button", { name: "ログイン" }).click();
  await expect(phone).toHaveURL(/\/terms$/);

  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("別の端末でログインしたため、ログアウトしました。")).toBeVisible();
  const [{ n }] = await e2eSql()`select count(*)::int as n from sessions s join members m on m.id = s.member_id where m.user_id = ${member.userId} and s.ended_at is null`;
  expect(n).toBe(1);
  await other.close();
});
