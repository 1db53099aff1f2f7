// Administrator login on the production build: TOTP (wrong code, replayed code), lockout, logout,
// and the wall between member and admin sessions.
import { expect, signedInMember, test, wrongCode } from "../fixtures";
import { ADMIN_INVALID, adminLogIn, expectNoAxeViolations, fillAdminLogin, newAdmin } from "./admin-fixtures";

test("a signed-out visitor to an admin page is sent to /admin/login", async ({ page }) => {
  for (const path of ["/admin/members", "/admin/audit", "/admin/surveys", "/admin/members/1"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login$/);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理者ログイン");
});

test("a wrong code is refused without saying which field was wrong; the right one logs in", async ({ page }) => {
  const admin = await newAdmin();
  const code = await admin.code();
  await fillAdminLogin(page, admin, wrongCode(code));
  await expect(page.getByText(ADMIN_INVALID)).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login$/);
  await fillAdminLogin(page, { ...admin, password: "Wrong#pass99" }, code);
  await expect(page.getByText(ADMIN_INVALID)).toBeVisible();
  await fillAdminLogin(page, { ...admin, loginId: "nobody_at_all" }, code);
  await expect(page.getByText(ADMIN_INVALID)).toBeVisible();

  await adminLogIn(page, admin, code);
  await page.goto("/admin/members");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("加入者");
  await expect(page.getByRole("navigation", { name: "管理メニュー" }).getByRole("link", { name: "加入者" })).toHaveAttribute("aria-current", "page");
});

test("a code once used is refused, also after logging out", async ({ page }) => {
  const admin = await newAdmin();
  const code = await admin.code();
  await adminLogIn(page, admin, code);
  await page.goto("/admin/surveys");
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?reason=logout$/);
  await expect(page.getByText("ログアウトしました。")).toBeVisible();
  await page.goto("/admin/surveys");
  await expect(page).toHaveURL(/\/admin\/login$/);

  await fillAdminLogin(page, admin, code);
  await expect(page.getByText(ADMIN_INVALID)).toBeVisible();
});

test("10 failures lock the admin for an hour, even with the right code afterwards", async ({ page }) => {
  const admin = await newAdmin();
  for (let i = 0; i < 9; i++) {
    await fillAdminLogin(page, admin, "000000");
    await expect(page.getByText(ADMIN_INVALID)).toBeVisible();
  }
  await fillAdminLogin(page, admin, "000000");
  const locked = page.getByText(/ロックしています。\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}を過ぎてから/);
  await expect(locked).toBeVisible();
  await fillAdminLogin(page, admin, await admin.code());
  await expect(locked).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/login$/);
});

test("an admin session does not open member pages, and a member session does not open admin pages", async ({ page, request }) => {
  await signedInMember(page, request);
  await page.goto("/admin/members");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.context().clearCookies();

  const admin = await newAdmin();
  await adminLogIn(page, admin);
  for (const path of ["/", "/account", "/terms"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login/);
  }
});

test("axe: the login page, with field errors, and with a form error", async ({ page }) => {
  await page.goto("/admin/login");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByLabel("管理者ID")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("確認コード")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("確認コード")).toHaveAccessibleDescription(/確認コードを入力してください/);
  await expectNoAxeViolations(page);
  await fillAdminLogin(page, { loginId: "nobody_at_all", password: "x" }, "123456");
  await expect(page.getByText(ADMIN_INVALID)).toBeVisible();
  await expectNoAxeViolations(page);
});
