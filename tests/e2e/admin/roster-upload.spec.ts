// /admin/roster through the browser: a bad file names its lines and imports nothing; a good
// Shift_JIS file is checked, previewed and imported (with JavaScript: upload and import progress;
// without: plain form posts); the history shows it; another union's upload is not found.
import iconv from "iconv-lite";
import { e2eSql } from "../db";
import { expect, newUnion, test } from "../fixtures";
import { adminLogIn, expectNoAxeViolations, newAdmin } from "./admin-fixtures";

const HEADER = "記号,番号,枝番,氏名,氏名カナ,生年月日,続柄,性別";
const GOOD = [HEADER, "10,1001,00,健保 太郎,ケンポ タロウ,1980/1/2,本人,男", "10,1001,01,健保 花子,ケンポ ハナコ,1982-03-04,妻,女", "10,1002,00,髙橋 一郎,タカハシ イチロウ,1975-05-06,本人,男"].join("\r\n") + "\r\n";
const BAD = [HEADER, "10,1001,00,健保 太郎,ケンポ タロウ,1980/1/2,本人,男", "10,1002,00,佐藤 一郎,サトウ イチロウ,1980-13-40,本人,男", "10,1001,00,重複 太郎,チョウフク タロウ,1980-01-01,本人,男"].join("\r\n") + "\r\n";

const rosterCount = async (unionId: number) => Number((await e2eSql()`select count(*)::int as n from roster_entries where union_id = ${unionId}`)[0].n);

test("a bad file lists its lines and imports nothing; a good Shift_JIS file is previewed, then imported", async ({ page }) => {
  const union = await newUnion();
  await adminLogIn(page, await newAdmin({ unionCode: union.code }));
  await page.goto("/admin/roster");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("名簿");
  await expectNoAxeViolations(page);

  // 確認 without a file: the field says so.
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByLabel("名簿ファイル")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  await page.getByLabel("名簿ファイル").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(BAD) });
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByRole("heading", { name: /エラーが 2 件あります。名簿は取り込まれていません/ })).toBeVisible();
  const errors = page.getByRole("list", { name: "エラーの一覧" });
  await expect(errors).toContainText("line 3:");
  await expect(errors).toContainText("line 4:");
  await expect(errors).toContainText("2 行目と重複");
  expect(await rosterCount(union.id)).toBe(0);
  await expectNoAxeViolations(page);

  await page.getByLabel("名簿ファイル").setInputFiles({ name: "名簿_sjis.csv", mimeType: "text/csv", buffer: iconv.encode(GOOD, "cp932") });
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByRole("heading", { name: "「名簿_sjis.csv」を確認しました。エラーはありません" })).toBeVisible();
  const preview = page.getByRole("table", { name: "取り込むと次のようになります" });
  await expect(preview.getByRole("row", { name: /新規/ })).toContainText("3");
  await expect(preview.getByRole("row", { name: /文字コード/ })).toContainText("Shift_JIS");
  expect(await rosterCount(union.id)).toBe(0);
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("heading", { name: "「名簿_sjis.csv」を取り込みました" })).toBeVisible();
  expect(await rosterCount(union.id)).toBe(3);
  const [row] = await e2eSql()`select name from roster_entries where union_id = ${union.id} and number = '1002'`;
  expect(row.name).toBe("髙橋 一郎");
  const history = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "ファイル名" }) });
  await expect(history.getByRole("row").nth(1)).toContainText("名簿_sjis.csv");
  await expect(history.getByRole("row").nth(1)).toContainText("Shift_JIS");
});

test("without JavaScript the same form posts, checks and imports, with 名簿にない人を無効にする", async ({ browser, baseURL }) => {
  const union = await newUnion();
  const admin = await newAdmin({ unionCode: union.code });
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  // Log in with JavaScript off too: the login form is a plain post.
  await adminLogIn(page, admin);
  await page.goto("/admin/roster");
  await page.getByLabel("名簿ファイル").setInputFiles({ name: "first.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${GOOD}`) });
  await page.getByRole("button", { name: "確認" }).click();
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("heading", { name: "「first.csv」を取り込みました" })).toBeVisible();

  await page.goto("/admin/roster");
  const second = GOOD.split("\r\n").filter((l) => !l.includes("1002")).join("\r\n");
  await page.getByLabel("名簿ファイル").setInputFiles({ name: "second.csv", mimeType: "text/csv", buffer: Buffer.from(second) });
  await page.getByLabel("名簿にない人を無効にする").check();
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByRole("table", { name: "取り込むと次のようになります" }).getByRole("row", { name: /無効になる人/ })).toContainText("1");
  await page.getByRole("button", { name: "取り込む" }).click();
  await expect(page.getByRole("heading", { name: "「second.csv」を取り込みました" })).toBeVisible();
  const [row] = await e2eSql()`select active from roster_entries where union_id = ${union.id} and number = '1002'`;
  expect(row.active).toBe(false);
  await context.close();
});

test("tenant isolation by URL and forged posts: another union's roster, upload and import are not found", async ({ page }) => {
  const mine = await newUnion();
  const theirs = await newUnion();
  await adminLogIn(page, await newAdmin({ unionCode: theirs.code }));
  await page.goto("/admin/roster");
  await page.getByLabel("名簿ファイル").setInputFiles({ name: "theirs.csv", mimeType: "text/csv", buffer: Buffer.from(GOOD) });
  await page.getByRole("button", { name: "確認" }).click();
  await expect(page.getByRole("button", { name: "取り込む" })).toBeVisible();
  const theirUpload = new URL(page.url()).searchParams.get("upload")!;

  await page.context().clearCookies();
  await adminLogIn(page, await newAdmin({ unionCode: mine.code }));
  expect((await page.goto(`/admin/roster?union=${theirs.id}`))?.status()).toBe(404);
  expect((await page.goto(`/admin/roster?union=${mine.id}&upload=${theirUpload}`))?.status()).toBe(404);
  const forgedImport = await page.request.post("/admin/roster/import", { form: { upload: theirUpload }, maxRedirects: 0 });
  expect(forgedImport.status()).toBe(404);
  const forgedUpload = await page.request.post(`/admin/roster/upload?union=${theirs.id}`, { data: GOOD, headers: { "content-type": "application/octet-stream" }, maxRedirects: 0 });
  expect(forgedUpload.status()).toBe(404);
  expect(await rosterCount(theirs.id)).toBe(0);
  const [upload] = await e2eSql()`select status from roster_uploads where id = ${theirUpload}`;
  expect(upload.status).toBe("checked");
});
