// Forms work without JavaScript (STYLE §"Practices" 3): plain form posts to the server actions,
// with server-side errors rendered next to the fields and the typed values kept.
import { MESSAGES } from "../../lib/errors";
import { expect, expectFieldError, fillAccountForm, latestMail, codeIn, logIn, newEmail, newUserId, PASSWORD, signUp, test, toAccountStep } from "./fixtures";

test.use({ javaScriptEnabled: false });

test("without JavaScript a member signs up, confirms the code, logs in and consents", async ({ page, request }) => {
  const person = await toAccountStep(page);
  await expect(page.getByText(`${person.name} 様`)).toBeVisible();

  const member = { userId: newUserId(), password: PASSWORD, email: newEmail() };
  await fillAccountForm(page, member);
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/signup\/verify$/);
  await expect(page.getByText(member.email)).toBeVisible();

  const code = codeIn((await latestMail(request, member.email)).text);
  await page.getByLabel("認証番号").fill(code);
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/login\?created=1$/);
  await expect(page.getByText("ユーザーIDの作成が完了しました")).toBeVisible();

  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${person.name} 様`);
});

test("without JavaScript a server-side field error is shown next to the field and the typed values stay", async ({ page }) => {
  await toAccountStep(page);
  const email = newEmail();
  await fillAccountForm(page, { userId: "taro#kenpo", password: PASSWORD, email });
  await page.getByRole("button", { name: "作成する" }).click();

  await expect(page).toHaveURL(/\/signup\/account$/);
  await expect(page.getByText("入力内容を確認してください。")).toBeVisible();
  await expectFieldError(page, page.getByLabel("ユーザーID"), "ユーザーIDに使えるのは半角の英字・数字と記号(@ - _ . +)だけです。");
  await expect(page.getByLabel("ユーザーID")).toHaveValue("taro#kenpo");
  await expect(page.getByLabel("メールアドレス")).toHaveValue(email);
  // Passwords are never echoed back.
  await expect(page.getByLabel("パスワード", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("パスワード(確認)")).toHaveValue("");
});

test("without JavaScript 保険者指定コード is kept after a field error (only passwords and codes are not echoed)", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("保険者指定コード").fill("jkc");
  await page.getByLabel("記号", { exact: true }).fill("01");
  await page.getByLabel("番号", { exact: true }).fill("jvc0211");
  await page.getByLabel("生年月日").fill("1980-04-01");
  await page.getByLabel("氏名(カナ)").fill("健保 太郎");
  await page.getByRole("button", { name: "認証" }).click();
  await expect(page.getByText("入力内容を確認してください。")).toBeVisible();
  await expect(page.getByLabel("保険者指定コード")).toHaveValue("jkc");
  await expect(page.getByLabel("記号", { exact: true })).toHaveValue("01");
});

test("without JavaScript a refused login comes back with its message and the user ID", async ({ page, request }) => {
  const member = await signUp(page, request);
  await page.context().clearCookies();
  await logIn(page, { userId: member.userId, password: `${member.password}x` });
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  await expect(page.getByLabel("ユーザーID")).toHaveValue(member.userId);
  await expect(page.getByLabel("パスワード", { exact: true })).toHaveValue("");
  // An empty user ID is a field message, from the server this time.
  await page.getByLabel("ユーザーID").fill("");
  await page.getByRole("button", { name: "ログイン" }).click();
  await expectFieldError(page, page.getByLabel("ユーザーID"), /ユーザーIDを入力/);
  await logIn(page, member);
  await expect(page).not.toHaveURL(/\/login/);
});
