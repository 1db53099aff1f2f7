// Uploads through the documents page as a member does it on a phone: choose a file in a slot,
// アップロード, see it listed, 削除 it; a refused file says why next to its slot. With JavaScript
// (progress, no reload) and without (a plain multipart post and a redirect back).
import { Buffer } from "node:buffer";
import { e2eSql } from "./db";
import { expect, test } from "./fixtures";
import { answerStudent, signedInSurveyFamily } from "./survey-fixtures";
import { jpegWithGps, pdfWithPages, zipArchive } from "../support/upload-fixtures";
import { REFUSAL_MESSAGES } from "../../lib/uploads/refusals";
import type { Page } from "@playwright/test";

const ENROLLMENT = "在学証明書";

/** The student answered (so the page asks for 在学証明書), then the documents page. */
async function toDocuments(page: Page, dependentId: number) {
  await page.goto(`/survey/dependents/${dependentId}`);
  await answerStudent(page);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("保存しました。")).toBeVisible();
  await page.goto("/survey/documents");
  return page.getByRole("group", { name: new RegExp(ENROLLMENT) }).first();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("choose a file in a slot, upload, see it listed, delete it; refused files are named next to the slot", async ({ page, request }) => {
      const f = await signedInSurveyFamily(page, request);
      const slot = await toDocuments(page, f.dependents.student);
      const input = slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`);
      const listed = slot.getByRole("list", { name: `${ENROLLMENT}のアップロード済みファイル` });
      await expect(slot.getByText("マイナンバー(個人番号)が写っている場合は")).toBeVisible();

      // A photo and a PDF, each listed once it is in.
      await input.setInputFiles({ name: "在学証明書.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(1600, 1200) });
      await slot.getByRole("button", { name: "アップロード" }).click();
      await expect(listed.getByText("在学証明書.jpg")).toBeVisible();
      await slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`).setInputFiles({ name: "在学証明書2.pdf", mimeType: "application/pdf", buffer: await pdfWithPages(2) });
      await slot.getByRole("button", { name: "アップロード" }).click();
      await expect(listed.getByText("在学証明書2.pdf")).toBeVisible();

      // A ZIP named .jpg, and a file over 10 MB: refused with the reason, next to the slot's field.
      await slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`).setInputFiles({ name: "写真.jpg", mimeType: "image/jpeg", buffer: await zipArchive() });
      await slot.getByRole("button", { name: "アップロード" }).click();
      await expect(slot.getByText(REFUSAL_MESSAGES.type)).toBeVisible();
      await expect(slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`)).toHaveAttribute("aria-invalid", "true");
      await slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`).setInputFiles({ name: "大きい.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(12 * 1024 * 1024, 0x20) });
      await slot.getByRole("button", { name: "アップロード" }).click();
      await expect(slot.getByText(REFUSAL_MESSAGES.size)).toBeVisible();
      await expect(listed.getByRole("listitem")).toHaveCount(2);

      // 削除 takes the photo away; the PDF stays.
      await slot.getByRole("button", { name: "在学証明書.jpg を削除" }).click();
      await expect(listed.getByText("在学証明書.jpg")).toHaveCount(0);
      await expect(listed.getByText("在学証明書2.pdf")).toBeVisible();
      await page.reload();
      await expect(page.getByRole("group", { name: new RegExp(ENROLLMENT) }).first().getByRole("listitem")).toHaveCount(1);
    });
  });
}

test("a session that ended while the documents page was open: the upload sends the member to log in", async ({ page, request }) => {
  const f = await signedInSurveyFamily(page, request);
  const slot = await toDocuments(page, f.dependents.student);
  await e2eSql()`update sessions set ended_at = now(), end_reason = 'admin'
    where ended_at is null and member_id = (select id from members where roster_entry_id = ${f.insuredId})`;
  await slot.getByLabel(`${ENROLLMENT}のファイル(写真またはPDF)`).setInputFiles({ name: "在学証明書.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(800, 600) });
  await slot.getByRole("button", { name: "アップロード" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("ユーザーID")).toBeVisible();
  const [{ n }] = await e2eSql()`select count(*)::int as n from survey_files sf join survey_responses r on r.id = sf.response_id where r.insured_entry_id = ${f.insuredId}`;
  expect(n).toBe(0);
});
