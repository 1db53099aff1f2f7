// axe on every survey page, including the error states.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { answerStudent, signedInSurveyFamily } from "./survey-fixtures";

async function expectNoAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/被扶養者資格調査/);
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(found, `axe violations on ${new URL(page.url()).pathname}`).toEqual([]);
}

test("survey pages: top, hub, a dependent (empty, with errors, saved), documents (with its error), confirm", async ({ page, request }) => {
  const f = await signedInSurveyFamily(page, request);
  await expectNoAxeViolations(page);
  await page.goto("/survey");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("被扶養者資格調査");
  await expectNoAxeViolations(page);

  await page.goto(`/survey/dependents/${f.dependents.student}`);
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("入力されていない項目があります。")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("年間収入見込額").fill("abc");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("年間収入見込額は数字で入力してください")).toBeVisible();
  await expectNoAxeViolations(page);
  await answerStudent(page);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("保存しました。")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/survey/documents");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText("必要な書類の一覧を確認したら、チェックを入れてください。")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto("/survey/confirm");
  await expectNoAxeViolations(page);
});
