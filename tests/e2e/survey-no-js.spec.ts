// The survey without JavaScript: plain form posts, every section shown, hints after 保存.
import { expect, mailboxOf, test } from "./fixtures";
import { answerMother, answerStudent, answerWife, returnBySql, signedInSurveyFamily } from "./survey-fixtures";

test.use({ javaScriptEnabled: false });

test("without JavaScript a member answers, submits once, is sent back and submits again", async ({ page, request, context }) => {
  const f = await signedInSurveyFamily(page, request);
  await page.getByRole("link", { name: "回答をはじめる" }).click();
  await page.getByRole("link", { name: "調査 学(子)の回答" }).click();
  await answerStudent(page);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("保存しました。")).toBeVisible();
  await expect(page.getByText("19歳以上23歳未満(その年の12月31日時点)のため、年間収入150万円未満が目安です。")).toBeVisible();
  await expect(page.getByLabel("年間収入見込額")).toHaveValue("1,000,000");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(new RegExp(`/survey/dependents/${f.dependents.mother}$`));
  await answerMother(page);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(new RegExp(`/survey/dependents/${f.dependents.wife}$`));
  await answerWife(page);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/survey\/documents$/);
  await page.getByLabel("必要な書類の一覧を確認しました").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/survey\/confirm$/);

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

  await returnBySql(f.insuredId, "仕送りの記録が足りません。");
  await page.goto("/survey");
  await expect(page.getByText("仕送りの記録が足りません。")).toBeVisible();
  await page.getByRole("link", { name: "調査 妙子(妻)の回答" }).click();
  await page.getByLabel("仕送り額").fill("120,000");
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/survey\/documents$/);
  await page.goto("/survey/confirm");
  await expect(page.getByText("120,000円")).toBeVisible();
  await page.getByRole("button", { name: "提出する" }).click();
  await expect(page).toHaveURL(/\/survey\?submitted=1$/);
  await expect(page.getByText("状況: 提出済み")).toBeVisible();
  await expect.poll(receipts).toBe(2);
});
