// The member's survey end to end: three dependents (a student, a pensioner of 60+, a wife living
// apart), drafts kept over an idle timeout, submit once, 差し戻し and resubmit; ids of another
// member are 404. The no-JavaScript run is in survey-no-js.spec.ts.
import { expect, logIn, mailboxOf, test } from "./fixtures";
import { answerMother, answerStudent, answerWife, idleOut, returnBySql, signedInSurveyFamily } from "./survey-fixtures";

test("a member answers three dependents, submits once, is sent back, edits and submits again", async ({ page, request, context }) => {
  const f = await signedInSurveyFamily(page, request);
  await expect(page.getByText("状況: 未回答")).toBeVisible();
  await page.getByRole("link", { name: "回答をはじめる" }).click();
  await expect(page).toHaveURL(/\/survey$/);
  await expect(page.getByText(/回答期限: \d{4}年\(令和\d+年\)\d+月\d+日まで/)).toBeVisible();

  // Student: a draft first, then an idle timeout; the draft is back after the next login.
  await page.getByRole("link", { name: "調査 学(子)の回答" }).click();
  await expect(page.getByText("調査 学 様(1/3人目)")).toBeVisible();
  await expect(page.getByText("チョウサ マナブ")).toBeVisible();
  await answerStudent(page);
  await expect(page.getByText("19歳以上23歳未満(その年の12月31日時点)のため、年間収入150万円未満が目安です。")).toBeVisible();
  await page.getByLabel("登録内容の誤りを連絡する").fill("カナは チョウサ マナブ で正しいです");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\?saved=1$/);
  await expect(page.getByText("保存しました。")).toBeVisible();
  await idleOut(f.insuredId);
  await page.goto(`/survey/dependents/${f.dependents.student}`);
  await expect(page).toHaveURL(/\/login\?reason=idle/);
  await logIn(page, f);
  await expect(page).toHaveURL(/\/$/);
  await page.goto(`/survey/dependents/${f.dependents.student}`);
  await expect(page.getByLabel("年間収入見込額")).toHaveValue("1,000,000");
  await expect(page.getByRole("radio", { name: "同居" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "給与", exact: true })).toBeChecked();
  await expect(page.getByLabel("登録内容の誤りを連絡する")).toHaveValue("カナは チョウサ マナブ で正しいです");
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(page).toHaveURL(new RegExp(`/survey/dependents/${f.dependents.mother}$`));
  await answerMother(page);
  await expect(page.getByText("60歳以上のため、年間収入180万円未満が目安です。")).toBeVisible();
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(page).toHaveURL(new RegExp(`/survey/dependents/${f.dependents.wife}$`));
  await answerWife(page);
  await expect(page.getByText("手渡しは送金の証明になりません")).toBeVisible();
  await expect(page.getByText("仕送り額の12か月分(1,200,000円)未満")).toBeVisible();
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(page).toHaveURL(/\/survey\/documents$/);
  for (const doc of ["在学証明書", "年金額の通知書", "直近3か月の送金の記録", "直近3か月の給与明細"]) await expect(page.getByText(doc).first()).toBeVisible();
  await page.getByLabel("必要な書類の一覧を確認しました").check();
  await page.getByRole("button", { name: "次へ" }).click();

  await expect(page).toHaveURL(/\/survey\/confirm$/);
  await expect(page.getByText("1,500,000円")).toBeVisible();
  await expect(page.getByText("振込")).toBeVisible();
  // A second tab on the same confirm page, to submit again after the first submit.
  const other = await context.newPage();
  await other.goto("/survey/confirm");
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page).toHaveURL(/\/survey\?submitted=1$/);
  await expect(page.getByText("状況: 提出済み")).toBeVisible();
  const receipts = async () => (await mailboxOf(page, f.email)).filter((m) => m.subject.includes("被扶養者資格調査の回答を受け付けました")).length;
  await expect.poll(receipts).toBe(1);

  await other.getByRole("button", { name: "提出する" }).click();
  await expect(other.getByText("既に提出しています。").first()).toBeVisible();
  await other.close();
  expect(await receipts()).toBe(1);
  // The back button goes back to the confirm page (a GET): nothing is submitted again.
  await page.goBack();
  await expect(page).toHaveURL(/\/survey\/confirm$/);
  await page.goto(`/survey/dependents/${f.dependents.student}`);
  await expect(page.getByText("提出済みのため、回答は変更できません。")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);

  await returnBySql(f.insuredId, "在学証明書の写しが読めません。撮り直してください。");
  await page.goto("/survey");
  await expect(page.getByText("状況: 差し戻し")).toBeVisible();
  await expect(page.getByText("在学証明書の写しが読めません。撮り直してください。")).toBeVisible();
  await page.getByRole("link", { name: "調査 学(子)の回答" }).click();
  await page.getByRole("radio", { name: "外す" }).check();
  await page.getByLabel("外す理由").selectOption({ label: "就職" });
  await page.getByLabel("外す日").fill("2026-11-01");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(new RegExp(`/survey/dependents/${f.dependents.mother}$`));
  await page.goto("/survey/confirm");
  await expect(page.getByText("就職")).toBeVisible();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page).toHaveURL(/\/survey\?submitted=1$/);
  await expect(page.getByText("状況: 提出済み")).toBeVisible();
  await expect.poll(receipts).toBe(2);
});

test("次へ with nothing typed shows what is missing; a bad amount gets a clear message", async ({ page, request }) => {
  const f = await signedInSurveyFamily(page, request);
  await page.goto(`/survey/dependents/${f.dependents.mother}`);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("入力されていない項目があります。")).toBeVisible();
  await expect(page.getByText("扶養の継続(続ける / 外す)を選んでください。")).toBeVisible();
  await page.getByRole("radio", { name: "続ける" }).check();
  await page.getByLabel("年間収入見込額").fill("120万");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByLabel("年間収入見込額")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("年間収入見込額は数字で入力してください")).toBeVisible();
  await expect(page.getByLabel("年間収入見込額")).toHaveValue("120万");
});

test("another member's dependent, by id, is not found", async ({ page, request, browser }, testInfo) => {
  const a = await signedInSurveyFamily(page, request);
  const { newDeviceContext } = await import("./fixtures");
  const ctx = await newDeviceContext(browser, testInfo);
  const other = await ctx.newPage();
  await signedInSurveyFamily(other, ctx.request);
  const response = await other.goto(`/survey/dependents/${a.dependents.student}`);
  expect(response?.status()).toBe(404);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  await expect(other.getByText("調査 学")).toHaveCount(0);
  await ctx.close();
});
