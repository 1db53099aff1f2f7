// The dashboard (figures, the server-drawn chart and its table), the CSV exports downloaded and
// parsed (BOM, Shift_JIS, formulas neutralised, scope), and the operator's unions and admins pages.
import iconv from "iconv-lite";
import jsQR from "jsqr";
import sharp from "sharp";
import { standardTerms } from "../../../db/seed/terms";
import { e2eSql } from "../db";
import { expect, expectFieldError, newRosterPerson, newUnion, signUpAs, test } from "../fixtures";
import { adminLogIn, expectNoAxeViolations, newAdmin } from "./admin-fixtures";

async function scanQr(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

const rows = (text: string) => text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));

test("dashboard figures and chart; members.csv and audit.csv open as UTF-8 with BOM and as Shift_JIS", async ({ page, request }) => {
  const union = await newUnion();
  const other = await newUnion();
  const member = await signUpAs(page, request, await newRosterPerson({ insurerCode: union.code }));
  await e2eSql()`update roster_entries set name = '=HYPERLINK("x")' where union_id = ${union.id} and number = ${member.person.number} and branch = '00'`;
  const admin = await newAdmin({ unionCode: union.code });
  await adminLogIn(page, admin);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ダッシュボード");
  await expect(page.getByText("登録済みアカウント")).toBeVisible();
  await expect(page.locator("dd").filter({ hasText: /^1$/ }).first()).toBeVisible();
  await page.getByText("表で見る").click();
  await expect(page.getByRole("table", { name: "1 日ごとの新規登録" })).toBeVisible();
  await expect(page.locator("main [style]")).toHaveCount(0);
  await expectNoAxeViolations(page);

  const utf8 = await page.request.get("/admin/members.csv");
  expect(utf8.headers()["content-type"]).toContain("text/csv");
  const body = await utf8.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = rows(body.toString("utf8"));
  expect(parsed[0].slice(0, 3)).toEqual(["保険者指定コード", "記号", "番号"]);
  const line = parsed.find((r) => r.includes(member.userId))!;
  expect(line[0]).toBe(union.code);
  expect(body.toString("utf8")).toContain(`"'=HYPERLINK(""x"")"`);

  const sjis = await page.request.get("/admin/members.csv?encoding=sjis");
  expect(sjis.headers()["content-type"]).toContain("Shift_JIS");
  const decoded = iconv.decode(await sjis.body(), "cp932");
  expect(decoded).toBe(body.toString("utf8").slice(1));

  const audit = await page.request.get("/admin/audit.csv");
  const auditRows = rows((await audit.body()).toString("utf8"));
  expect(auditRows[0][0]).toBe("日時");
  expect(auditRows.some((r) => r[1] === "admin.exported")).toBe(true);
  expect(auditRows.slice(1).every((r) => r[4] === union.code)).toBe(true);

  // Another union's export, asked for by URL, is not found.
  expect((await page.request.get(`/admin/members.csv?union=${other.id}`)).status()).toBe(404);
  expect((await page.request.get(`/admin/audit.csv?union=${other.id}`)).status()).toBe(404);
  expect((await page.goto(`/admin?union=${other.id}`))?.status()).toBe(404);
  // Signed out, the exports do not exist.
  await page.context().clearCookies();
  expect((await page.request.get("/admin/members.csv")).status()).toBe(404);
});

test("operator: creates a union (its terms v1 published) and a union admin whose otpauth URI is shown once", async ({ page }) => {
  test.setTimeout(90_000); // two pages, each with its forms and errors checked by axe
  await adminLogIn(page, await newAdmin({ operator: true }));
  await page.goto("/admin/unions");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("組合");
  await expectNoAxeViolations(page);
  await page.getByLabel("保険者指定コード").fill("JK1");
  await page.getByRole("button", { name: "登録する" }).click();
  await expectFieldError(page, page.getByLabel("保険者指定コード"), "保険者指定コードは半角の英小文字 2〜16 文字で入力してください");
  await expectFieldError(page, page.getByLabel("組合名"), "組合名を入力してください。");
  await expectNoAxeViolations(page);
  const code = `op${Date.now().toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)])}`;
  await page.getByLabel("保険者指定コード").fill(code);
  await page.getByLabel("組合名").fill("運用試験健康保険組合");
  await page.getByRole("button", { name: "登録する" }).click();
  await expect(page.getByText(`「運用試験健康保険組合」(${code})を登録し、利用規約の第1版を公開しました。`)).toBeVisible();
  const [terms] = await e2eSql()`select tv.version, tv.title from terms_versions tv join unions u on u.id = tv.union_id where u.code = ${code}`;
  expect(terms).toEqual({ version: 1, title: standardTerms("運用試験健康保険組合").title });
  await page.reload();
  await page.getByRole("link", { name: /^編集\s?\(運用試験健康保険組合\)$/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("組合の編集");
  await expectNoAxeViolations(page);

  await page.goto("/admin/admins");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("管理者");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "作成する" }).click();
  await expectFieldError(page, page.getByLabel("管理者ID"), "管理者IDは半角の英字");
  await expectNoAxeViolations(page);
  const loginId = `staff_${code}`;
  await page.getByLabel("健康保険組合").selectOption({ label: `運用試験健康保険組合(${code})` });
  await page.getByLabel("管理者ID").fill(loginId);
  await page.getByLabel("メールアドレス").fill(`${loginId}@example.jp`);
  await page.getByLabel("パスワード(初期)").fill("Staff-2026x!");
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page.getByText("この表示は一度だけです")).toBeVisible();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();
  // The QR code beside it scans to the same URI.
  const uri = await page.getByText(/^otpauth:\/\/totp\//).textContent();
  expect(await scanQr(await page.getByRole("img", { name: "確認コード設定用の QR コード" }).screenshot())).toBe(uri);
  await page.reload();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toHaveCount(0);
  await page.getByRole("button", { name: new RegExp(`^確認コードを再設定\\s?\\(${loginId}\\)$`) }).click();
  await expect(page.getByText(/^otpauth:\/\/totp\//)).toBeVisible();
  await page.getByRole("button", { name: new RegExp(`^利用停止\\s?\\(${loginId}\\)$`) }).click();
  await expect(page.getByRole("row", { name: new RegExp(loginId) })).toContainText("利用停止(");
});

test("a union admin finds no operator pages", async ({ page }) => {
  const union = await newUnion();
  await adminLogIn(page, await newAdmin({ unionCode: union.code }));
  for (const path of ["/admin/unions", `/admin/unions/${union.id}`, "/admin/admins"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
