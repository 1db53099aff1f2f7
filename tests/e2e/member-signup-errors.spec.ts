// Sign-up, the ways it goes wrong (SPEC "Member flows" 1–3): what the member reads, and where.
import { COMMON_PASSWORD_MESSAGE } from "../../lib/auth/password-policy";
import { MESSAGES } from "../../lib/errors";
import {
  expect,
  expectFieldError,
  fillAccountForm,
  fillRosterForm,
  fullWidthDigits,
  newEmail,
  newRosterPerson,
  newUserId,
  PASSWORD,
  signUp,
  test,
  toAccountStep,
  toVerifyStep,
} from "./fixtures";

test.describe("roster match", () => {
  test("no match says so without naming the wrong field", async ({ page }) => {
    const person = await newRosterPerson({ birthDate: "1970-05-15" });
    await page.goto("/signup");
    await fillRosterForm(page, { ...person, birthDate: "1970-05-16" });
    await page.getByRole("button", { name: "認証" }).click();

    await expect(page.getByText(MESSAGES.rosterNoMatch)).toBeVisible();
    // A form-level message, announced to screen readers.
    await expect(page.locator("[aria-live]").filter({ hasText: MESSAGES.rosterNoMatch })).toHaveCount(1);
    await expect(page).toHaveURL(/\/signup$/);
    // No field is singled out: neither marked invalid nor named in the message.
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
    for (const field of ["保険者指定コード", "記号", "番号", "生年月日", "氏名"]) expect(MESSAGES.rosterNoMatch).not.toContain(field);
  });

  test("kanji in 氏名(カナ) is a field error and nothing is sent", async ({ page }) => {
    const person = await newRosterPerson();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto("/signup");
    await fillRosterForm(page, { ...person, kanaName: "試験 太郎" });
    await page.getByRole("button", { name: "認証" }).click();

    await expectFieldError(page, page.getByLabel("氏名(カナ)"), "氏名(カナ)はひらがなかカタカナで入力してください(漢字は使えません)。");
    await expect(page).toHaveURL(/\/signup$/);
    expect(posts, "no request reaches the server").toEqual([]);
    await expect(page.getByText(MESSAGES.rosterNoMatch)).toHaveCount(0);
    await expect(page.getByLabel("生年月日")).not.toHaveAttribute("aria-invalid", "true");
  });

  test("an already registered person is told so and pointed to login and forgot-ID", async ({ page, request }) => {
    const member = await signUp(page, request);
    await page.goto("/signup");
    await fillRosterForm(page, member.person);
    await page.getByRole("button", { name: "認証" }).click();

    await expect(page.getByText("すでに作成されています")).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole("link", { name: "ログイン画面へ" })).toHaveAttribute("href", "/login");
    await expect(page.getByRole("link", { name: "ユーザーIDを忘れた方" })).toHaveAttribute("href", "/forgot-id");
  });

  test("5 failed matches on one 記号・番号 throttle it, even for the right data", async ({ page }) => {
    const person = await newRosterPerson({ birthDate: "1980-03-10" });
    for (let day = 11; day <= 15; day++) {
      await page.goto("/signup");
      await fillRosterForm(page, { ...person, birthDate: `1980-03-${day}` });
      await page.getByRole("button", { name: "認証" }).click();
      await expect(page.getByText(MESSAGES.rosterNoMatch)).toBeVisible();
    }
    await page.goto("/signup");
    await fillRosterForm(page, person);
    await page.getByRole("button", { name: "認証" }).click();
    await expect(page.getByText(MESSAGES.throttled)).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
  });
});

test.describe("account step rules", () => {
  const userIdCases = [
    { rule: "too short", userId: "ab12", message: "ユーザーIDは6文字以上で入力してください。" },
    { rule: "a character outside @ - _ . +", userId: "taro#kenpo", message: "ユーザーIDに使えるのは半角の英字・数字と記号(@ - _ . +)だけです。" },
  ];
  for (const c of userIdCases) {
    test(`user ID ${c.rule}: the message is on ユーザーID`, async ({ page }) => {
      await toAccountStep(page);
      await fillAccountForm(page, { userId: c.userId, password: PASSWORD, email: newEmail() });
      await page.getByRole("button", { name: "作成する" }).click();
      await expectFieldError(page, page.getByLabel("ユーザーID"), c.message);
      await expect(page.getByLabel("パスワード", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/signup\/account$/);
    });
  }

  const passwordCases = [
    { rule: "too short", password: "Ab1!xyz", message: "パスワードは8文字以上で入力してください。" },
    { rule: "no digit", password: "Kenpo-abcx!", message: "パスワードに数字を1文字以上含めてください。" },
    { rule: "no symbol", password: "Kenpo2026x", message: "パスワードに記号を1文字以上含めてください。" },
    { rule: "contains the user ID", password: "<id>9!", message: "パスワードにユーザーIDを含めないでください。" },
    { rule: "21 characters", password: "Kenpo-2026x!abcdefghi", message: "パスワードは20文字以内で入力してください(現在21文字)。" },
    { rule: "on the common-password list", password: "Password1!", message: COMMON_PASSWORD_MESSAGE },
  ];
  for (const c of passwordCases) {
    test(`password ${c.rule}: the message is on パスワード`, async ({ page }) => {
      await toAccountStep(page);
      const userId = newUserId();
      const password = c.password.replace("<id>", userId.toUpperCase());
      await fillAccountForm(page, { userId, password, email: newEmail() });
      await page.getByRole("button", { name: "作成する" }).click();
      const field = page.getByLabel("パスワード", { exact: true });
      await expectFieldError(page, field, c.message);
      // Never truncated silently: what was typed is still there.
      await expect(field).toHaveValue(password);
      await expect(page.getByLabel("ユーザーID")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("パスワード(確認)")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/signup\/account$/);
    });
  }

  test("password confirmation mismatch: the message is on パスワード(確認)", async ({ page }) => {
    await toAccountStep(page);
    await fillAccountForm(page, { userId: newUserId(), password: PASSWORD, confirm: `${PASSWORD}x`, email: newEmail() });
    await page.getByRole("button", { name: "作成する" }).click();
    await expectFieldError(page, page.getByLabel("パスワード(確認)"), "パスワード(確認)がパスワードと一致しません。");
    await expect(page.getByLabel("パスワード", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/signup\/account$/);
  });

  test("a user ID already taken (in another case) is a field error", async ({ page, request }) => {
    const first = await signUp(page, request);
    await toAccountStep(page);
    await fillAccountForm(page, { userId: first.userId.toUpperCase(), password: PASSWORD, email: newEmail() });
    await page.getByRole("button", { name: "作成する" }).click();
    await expectFieldError(page, page.getByLabel("ユーザーID"), MESSAGES.userIdTaken);
    await expect(page).toHaveURL(/\/signup\/account$/);
  });
});

test("the 認証番号 typed in full-width digits is accepted", async ({ page, request }) => {
  const { code } = await toVerifyStep(page, request);
  await page.getByLabel("認証番号").fill(fullWidthDigits(code));
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/login\?created=1$/);
  await expect(page.getByText("ユーザーIDの作成が完了しました")).toBeVisible();
});
