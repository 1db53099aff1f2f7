import { codeIn, expect, fillAccountForm, fillRosterForm, latestMail, logIn, newEmail, newRosterPerson, newUserId, PASSWORD, test } from "./fixtures";

test("a member signs up on the phone, confirms the emailed code, logs in, consents and sees the top page", async ({ page, request }) => {
  const person = await newRosterPerson({ kanaName: "ケンポ ショウコ" });
  const email = newEmail();
  const userId = newUserId();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("link", { name: "ユーザーIDの作成がまだの方はこちら" }).click();

  // Step 1: full-width 記号, upper-case insurer code and half-width kana with separate marks all match.
  await fillRosterForm(page, { ...person, insurerCode: "ＪＫＣ", symbol: person.symbol.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), kanaName: "ｹﾝﾎﾟｼｮｳｺ" });
  await expect(page.getByText(/和暦: (昭和|平成)/)).toBeVisible();
  await page.getByRole("button", { name: "認証" }).click();

  // Step 2 shows who was matched.
  await expect(page).toHaveURL(/\/signup\/account$/);
  await expect(page.getByText(`${person.name} 様`)).toBeVisible();
  await fillAccountForm(page, { userId, password: PASSWORD, email });
  await expect(page.getByRole("list", { name: "パスワードの条件" }).getByText("(まだ満たしていません)")).toHaveCount(0);
  await page.getByRole("button", { name: "作成する" }).click();

  // Step 3: the code from the mailbox, pasted with a space in the middle.
  await expect(page).toHaveURL(/\/signup\/verify$/);
  await expect(page.getByText(email)).toBeVisible();
  const mail = await latestMail(request, email);
  expect(mail.subject).toContain("認証番号");
  const code = codeIn(mail.text);
  await page.getByLabel("認証番号").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole("button", { name: "OK" }).click();

  await expect(page).toHaveURL(/\/login\?created=1$/);
  await expect(page.getByText("ユーザーIDの作成が完了しました")).toBeVisible();

  await logIn(page, { userId: userId.toUpperCase(), password: PASSWORD });
  await expect(page).toHaveURL(/\/terms$/);
  // No other page is reachable before consent.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("「利用規約に同意する」にチェックしてください")).toBeVisible();
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${person.name} 様`);
  await expect(page.getByText("JKCデモ健康保険組合").first()).toBeVisible();
  await expect(page.getByText("050-0000-3292")).toBeVisible();
  // This person joined the roster after the demo survey opened: none of their family is a target
  // (tests/e2e/survey-*.spec.ts cover members who are surveyed).
  await expect(page.getByText("今回の調査の対象となる被扶養者はいません。回答の必要はありません。")).toBeVisible();

  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/login\?reason=logout$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
