// The lean member pages (lib/http/lean-html.ts): no Next runtime at load, only our one script; and
// what that script does in its place: messages as the member types, the 表示 button, a refusal from
// the server shown without leaving the page (what was typed, the password too, stays), the
// password checklist, and the answer form's parts following the radios.
import type { Page } from "@playwright/test";
import { MESSAGES } from "../../lib/errors";
import { expect, expectFieldError, signUp, test, toAccountStep } from "./fixtures";
import { signedInSurveyFamily } from "./survey-fixtures";

/** The scripts a page loads, by path. */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on("request", (req) => {
    if (req.resourceType() === "script") scripts.push(new URL(req.url()).pathname);
  });
  return scripts;
}

test("login: only the lean script loads; a refusal keeps the page and what was typed", async ({ page, request }) => {
  const member = await signUp(page, request);
  await page.context().clearCookies();
  const scripts = scriptsOf(page);
  await page.goto("/login");
  await expect(page.locator("script[data-lean]")).toHaveCount(1);
  expect(scripts.filter((s) => s.startsWith("/_next/"))).toEqual([]);
  expect(scripts).toEqual([expect.stringMatching(/^\/lean\/forms\.[0-9a-f]{12}\.js$/)]);

  // A message once the field is left, gone as soon as the field is right.
  const userId = page.getByLabel("ユーザーID");
  await userId.fill("");
  await userId.blur();
  await expectFieldError(page, userId, "ユーザーIDを入力してください。");
  await userId.fill(member.userId);
  await expect(userId).not.toHaveAttribute("aria-invalid", "true");

  const password = page.getByLabel("パスワード", { exact: true });
  await password.fill(`${member.password}x`);
  await page.getByRole("button", { name: "表示" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "隠す" }).click();
  await expect(password).toHaveAttribute("type", "password");

  // The same document before and after the refused post: no reload. Posted url-encoded, as the
  // form would be without JavaScript (the encoding scripts/server.ts answers itself).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const posted = page.waitForRequest((req) => req.method() === "POST" && new URL(req.url()).pathname === "/login/submit");
  await page.getByRole("button", { name: "ログイン" }).click();
  expect((await posted).headers()["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
  await expect(page.getByText(MESSAGES.loginInvalid)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await expect(userId).toHaveValue(member.userId);
  await expect(password).toHaveValue(`${member.password}x`);

  await password.fill(member.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

test("account step: the checklist follows the typing, and the user ID", async ({ page }) => {
  await toAccountStep(page);
  const rules = page.getByRole("list", { name: "パスワードの条件" });
  await expect(rules.getByText("(まだ満たしていません)")).toHaveCount(5);
  await page.getByLabel("ユーザーID").fill("lean_member");
  await page.getByLabel("パスワード", { exact: true }).fill("abc-1234");
  await expect(rules.getByText("(まだ満たしていません)")).toHaveCount(0);
  await page.getByLabel("パスワード", { exact: true }).fill("lean_member-1");
  await expect(rules.getByRole("listitem").filter({ hasText: "ユーザーIDを含まない" })).toContainText("(まだ満たしていません)");
});

test("answer page: the parts that apply follow the radios and the hint follows the amount, with no Next runtime", async ({ page, request }) => {
  const f = await signedInSurveyFamily(page, request);
  const scripts = scriptsOf(page);
  await page.goto(`/survey/dependents/${f.dependents.wife}`);
  expect(scripts.filter((s) => s.startsWith("/_next/"))).toEqual([]);
  // Nothing chosen yet: neither 外す's part nor 別居's shows.
  await expect(page.getByLabel("外す理由")).toBeHidden();
  await expect(page.getByLabel("仕送り額(月額・円)")).toBeHidden();
  await page.getByRole("radio", { name: "別居" }).check();
  await expect(page.getByLabel("仕送り額(月額・円)")).toBeVisible();
  await page.getByLabel("仕送り額(月額・円)").fill("１００,０００");
  await expect(page.getByText("仕送り額の12か月分(1,200,000円)未満")).toBeVisible();
  await page.getByRole("radio", { name: "外す" }).check();
  await expect(page.getByLabel("外す理由")).toBeVisible();
  await expect(page.getByLabel("職業")).toBeHidden();
});
