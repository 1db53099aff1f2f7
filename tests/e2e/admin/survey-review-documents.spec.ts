// The union reviews a member's documents (desktop admin, Pixel 7 member): the member uploads a photo
// and a PDF and submits; the review page shows the photo inline (zoomable, loaded under the strict
// CSP) and the PDF in a frame; the union deletes the photo as 「マイナンバーが写っているため削除」;
// the member gets a mail, sees the notice on /survey and the documents page, uploads again and the
// notice goes. The file route is 404 signed out and to another union's admin; axe on the page.
// After the survey closed, the union reopens one case: that member answers, uploads and submits, the
// other member of the survey still cannot.
import { request as playwrightRequest, type Page } from "@playwright/test";
import { jpegWithGps, pdfWithPages } from "../../support/upload-fixtures";
import { expect, mailboxOf, newRosterPerson, newUnion, test } from "../fixtures";
import { answerWife } from "../survey-fixtures";
import { adminLogIn, createDraftSurvey, expectNoAxeViolations, newAdmin, phoneMember } from "./admin-fixtures";

test.setTimeout(240_000);

const TAX = "課税(非課税)証明書";
const REMITTANCE = "直近3か月の送金の記録";
const NOTICE = "マイナンバー(個人番号)が写っていたため、健康保険組合が次の書類を削除しました";

async function uploadIn(mp: Page, label: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const slot = mp.getByRole("group", { name: label });
  await slot.getByLabel(`${label}のファイル(写真またはPDF)`).setInputFiles(file);
  await slot.getByRole("button", { name: "アップロード" }).click();
  await expect(slot.getByRole("list", { name: `${label}のアップロード済みファイル` }).getByText(file.name)).toBeVisible();
}

/** The union opens a survey of every 妻; returns its id. */
async function openSurveyOfWives(page: Page): Promise<number> {
  const surveyId = await createDraftSurvey(page);
  await page.getByRole("checkbox", { name: "妻" }).check();
  await page.getByRole("button", { name: "人数を確かめる" }).click();
  await page.getByRole("button", { name: "この条件で対象者を決める" }).click();
  await expect(page).toHaveURL(/\?applied=\d+$/);
  await page.getByRole("button", { name: "調査を開始する" }).click();
  await expect(page.getByText(/開始のメールを \d+ 通送信待ちにしました。/)).toBeVisible();
  return surveyId;
}

async function answerAndSubmit(mp: Page, upload?: (mp: Page) => Promise<void>) {
  await mp.goto("/survey");
  await mp.getByRole("link", { name: "試験 花子(妻)の回答" }).click();
  await answerWife(mp);
  await mp.getByRole("button", { name: "次へ" }).click();
  await expect(mp).toHaveURL(/\/survey\/documents$/);
  await upload?.(mp);
  await mp.getByLabel("必要な書類の一覧を確認しました").check();
  await mp.getByRole("button", { name: "次へ" }).click();
  await mp.getByRole("button", { name: "提出する" }).click();
  await expect(mp).toHaveURL(/\/survey\?submitted=1$/);
}

test("documents beside the answers; a My Number photo deleted by the union is uploaded again", async ({ page, browser, baseURL }) => {
  const union = await newUnion();
  const person = await newRosterPerson({ insurerCode: union.code });
  const { phone, mp, member } = await phoneMember(browser, baseURL!, person);
  const admin = await newAdmin({ unionCode: union.code });
  await adminLogIn(page, admin);
  const surveyId = await openSurveyOfWives(page);

  // The member answers (別居: the remittance records too), uploads a photo and a PDF, submits.
  await answerAndSubmit(mp, async () => {
    await uploadIn(mp, TAX, { name: "kazei.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(1600, 1200) });
    await uploadIn(mp, REMITTANCE, { name: "soukin.pdf", mimeType: "application/pdf", buffer: await pdfWithPages(3) });
  });

  // The union's review page: the photo inline (loaded: the CSP lets it through), zoomable; the PDF framed.
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`/admin/surveys/${surveyId}?status=submitted`);
  await page.getByRole("link", { name: person.name }).click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  const reviewUrl = page.url();
  const photo = page.getByRole("img", { name: `${TAX}(試験 花子 様):kazei.jpg` });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1600);
  expect(await photo.evaluate((i) => getComputedStyle(i).maxHeight)).not.toBe("none");
  await page.getByRole("checkbox", { name: "拡大して表示" }).check();
  await expect(photo).toHaveCSS("max-height", "none");
  await page.getByRole("checkbox", { name: "拡大して表示" }).uncheck();
  const frame = page.locator(`iframe[title="${REMITTANCE}(試験 花子 様):soukin.pdf"]`);
  await expect(frame).toBeVisible();
  await expect(page.getByText("soukin.pdf(PDF・3ページ・", { exact: false })).toBeVisible();
  const pdfUrl = (await frame.getAttribute("src"))!;
  const pdf = await page.request.get(pdfUrl);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
  expect(pdf.headers()["cache-control"]).toContain("no-store");
  expect(pdf.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  await expectNoAxeViolations(page);
  expect(cspErrors).toEqual([]);

  // Signed out, or another union's admin: the file does not exist.
  const photoUrl = (await photo.getAttribute("src"))!;
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const signedOut = await anonymous.get(photoUrl, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(404);
  await anonymous.dispose();
  const stranger = await newAdmin();
  const sp = await browser.newPage({ baseURL });
  await adminLogIn(sp, stranger);
  expect((await sp.request.get(photoUrl)).status()).toBe(404);
  expect((await sp.goto(reviewUrl))!.status()).toBe(404);
  await sp.close();

  // 「マイナンバーが写っているため削除」, confirmed: the photo is gone for good.
  await page.getByText("マイナンバーが写っているため削除").first().click();
  await page.getByRole("button", { name: "削除する" }).first().click();
  await expect(page.getByText("書類を削除しました。")).toBeVisible();
  await expect(page.getByRole("img", { name: `${TAX}(試験 花子 様):kazei.jpg` })).toHaveCount(0);
  await expect(page.getByText("kazei.jpg は、マイナンバーが写っていたため", { exact: false })).toBeVisible();
  await expect(frame).toBeVisible();
  expect((await page.request.get(photoUrl)).status()).toBe(404);
  await expectNoAxeViolations(page);

  // The member: a mail, the notice on /survey and on the documents page, a new upload, and it is gone.
  await expect.poll(async () => (await mailboxOf(mp, member.email)).filter((m) => m.subject.includes("マイナンバーが写っていたため") && m.text.includes(TAX)).length, { timeout: 15_000 }).toBe(1);
  await mp.goto("/survey");
  await expect(mp.getByText(NOTICE)).toBeVisible();
  await expect(mp.getByText(`${TAX}(試験 花子 様)`)).toBeVisible();
  await mp.getByRole("link", { name: "提出する書類へ" }).click();
  await expect(mp).toHaveURL(/\/survey\/documents$/);
  await expect(mp.getByText(NOTICE)).toBeVisible();
  await uploadIn(mp, TAX, { name: "kazei2.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(1200, 900) });
  await mp.reload();
  await expect(mp.getByText(NOTICE)).toHaveCount(0);
  await mp.goto("/survey");
  await expect(mp.getByText(NOTICE)).toHaveCount(0);

  // The union sees the new photo, and no pending deletion.
  await page.reload();
  await expect(page.getByRole("img", { name: `${TAX}(試験 花子 様):kazei2.jpg` })).toBeVisible();
  await expect(page.getByText("kazei.jpg は、マイナンバーが写っていたため", { exact: false })).toHaveCount(0);
  await phone.close();
});

test("after the survey closed, the union reopens one case: that member answers and submits, the other still cannot", async ({ page, browser, baseURL }) => {
  const union = await newUnion();
  const a = await phoneMember(browser, baseURL!, await newRosterPerson({ insurerCode: union.code, name: "試験 一郎" }));
  const b = await phoneMember(browser, baseURL!, await newRosterPerson({ insurerCode: union.code, name: "試験 二郎" }));
  const admin = await newAdmin({ unionCode: union.code });
  await adminLogIn(page, admin);
  const surveyId = await openSurveyOfWives(page);
  await page.getByRole("button", { name: "いま締め切る" }).click();
  await expect(page.getByText("この調査は終了しました。")).toBeVisible();
  for (const m of [a, b]) {
    await m.mp.goto("/survey");
    await expect(m.mp.getByText("回答期間は終了しました。")).toBeVisible();
  }

  // The union reopens 二郎's case: a 理由 is required, then until the default date.
  await page.goto(`/admin/surveys/${surveyId}`);
  await page.getByRole("link", { name: "試験 二郎" }).click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByRole("heading", { name: "この回答の受付を再開する" })).toBeVisible();
  await page.getByRole("button", { name: "受付を再開する" }).click();
  await expect(page.getByText("理由を 1〜500 文字で入力してください。")).toBeVisible();
  await expect(page.getByLabel("再開の理由")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("再開の理由").fill("入院していたため、本人から電話で申し出があった");
  await page.getByRole("button", { name: "受付を再開する" }).click();
  await expect(page.getByText("この回答の受付を再開しました。")).toBeVisible();
  await expect(page.getByText("まで再開中")).toBeVisible();
  await expectNoAxeViolations(page);

  // 二郎 is told by mail and on /survey, answers, uploads and submits.
  await expect.poll(async () => (await mailboxOf(b.mp, b.member.email)).filter((m) => m.subject.includes("受付を再開しました")).length, { timeout: 15_000 }).toBe(1);
  await b.mp.goto("/survey");
  await expect(b.mp.getByText("健康保険組合が、あなたの回答の受付を再開しました。", { exact: false })).toBeVisible();
  await expect(b.mp.getByText("回答期間は終了しました。")).toHaveCount(0);
  await answerAndSubmit(b.mp, async () => {
    await uploadIn(b.mp, TAX, { name: "kazei.jpg", mimeType: "image/jpeg", buffer: await jpegWithGps(800, 600) });
  });

  // 一郎, in the same closed survey, still cannot answer or upload.
  await a.mp.goto("/survey");
  await expect(a.mp.getByText("回答期間は終了しました。")).toBeVisible();
  await a.mp.getByRole("link", { name: "試験 花子(妻)の回答" }).click();
  await expect(a.mp.getByRole("button", { name: "保存" })).toHaveCount(0);
  await a.mp.goto("/survey/documents");
  await expect(a.mp.getByRole("button", { name: "アップロード" })).toHaveCount(0);
  await a.phone.close();
  await b.phone.close();
});
