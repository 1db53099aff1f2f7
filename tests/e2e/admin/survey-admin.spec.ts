// The union runs a survey end to end (desktop admin, Pixel 7 member): create a draft, check the
// count, open it → the member gets the start mail, answers and submits → the union reviews and
// sends it back with a reason → the member sees it, fixes, resubmits → the union approves; one
// reminder round by hand reaches the member once; the CSV downloaded and parsed; axe on each new
// admin page; another union's survey id is 404.
import { parse } from "csv-parse/sync";
import { e2eSql } from "../db";
import { expect, mailboxOf, newRosterPerson, newUnion, test } from "../fixtures";
import { answerWife } from "../survey-fixtures";
import { adminLogIn, createDraftSurvey, expectNoAxeViolations, newAdmin, phoneMember } from "./admin-fixtures";

test.setTimeout(240_000);

test("create and open a survey, the member submits, 差し戻し with a reason, resubmit, 承認, CSV", async ({ page, browser, baseURL }) => {
  const union = await newUnion();
  const person = await newRosterPerson({ insurerCode: union.code });
  // An insured person without an account, with a child: counted, not mailed.
  await e2eSql()`insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    values (${union.id}, '99', 'noacct', '00', '未登録 次郎', 'ミトウロク ジロウ', 'ミトウロクジロウ', '1970-01-01', '本人', true),
           (${union.id}, '99', 'noacct', '01', '未登録 三郎', 'ミトウロク サブロウ', 'ミトウロクサブロウ', '2012-01-01', '子', false)`;

  const { phone, mp, member } = await phoneMember(browser, baseURL!, person);

  // The union creates a draft.
  const admin = await newAdmin({ unionCode: union.code });
  await adminLogIn(page, admin);
  const surveyId = await createDraftSurvey(page, { axe: true });
  await expect(page.getByText("下書き").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Targets by rule: only 妻, with the count before anything is saved.
  await page.getByRole("checkbox", { name: "妻" }).check();
  await page.getByRole("button", { name: "人数を確かめる" }).click();
  await expect(page.getByText("この条件の対象:被扶養者 1 人(被保険者 1 人)")).toBeVisible();
  await page.getByRole("button", { name: "この条件で対象者を決める" }).click();
  await expect(page).toHaveURL(/\?applied=1$/);
  // And the child without an account's family added by hand.
  await page.getByLabel("記号", { exact: true }).fill("99");
  await page.getByLabel("番号", { exact: true }).fill("noacct");
  await page.getByLabel("枝番", { exact: true }).fill("01");
  await page.getByLabel("追加の理由").fill("紙で案内する");
  await page.getByRole("button", { name: "対象者に追加する" }).click();
  await expect(page.getByText("手で追加")).toBeVisible();
  await expect(page.getByText("アカウントのある被保険者 1 人に開始のメールを 1 通ずつ送ります。アカウントのない 1 人には紙でご案内ください。", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "調査を開始する" }).click();
  await expect(page.getByText("開始のメールを 1 通送信待ちにしました。")).toBeVisible();
  await expectNoAxeViolations(page);

  // The member gets the start mail once, answers and submits.
  const starts = async () => (await mailboxOf(mp, member.email)).filter((m) => m.subject.includes("被扶養者資格調査へのご回答のお願い")).length;
  await expect.poll(starts, { timeout: 15_000 }).toBe(1);

  // One reminder round by hand: the preview counts the one member with an account, then nobody.
  await expect(page.getByText("まだ提出していないアカウントのある被保険者 1 人に 1 通ずつ送ります", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "督促のメールをいま送る" }).click();
  await expect(page.getByText("督促のメールを 1 通送信待ちにしました。")).toBeVisible();
  await expect(page.getByText("まだ提出していないアカウントのある被保険者 0 人に 1 通ずつ送ります", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "督促のメールをいま送る" })).toHaveCount(0);
  const reminders = async () => (await mailboxOf(mp, member.email)).filter((m) => m.subject.includes("回答がまだ届いていません")).length;
  await expect.poll(reminders, { timeout: 15_000 }).toBe(1);
  const submit = async () => {
    await mp.goto("/survey");
    await mp.getByRole("link", { name: "試験 花子(妻)の回答" }).click();
    await answerWife(mp);
    await mp.getByRole("button", { name: "次へ" }).click();
    await expect(mp).toHaveURL(/\/survey\/documents$/);
    const read = mp.getByLabel("必要な書類の一覧を確認しました");
    if (!(await read.isChecked())) await read.check();
    await mp.getByRole("button", { name: "次へ" }).click();
    await expect(mp).toHaveURL(/\/survey\/confirm$/);
    await mp.getByRole("button", { name: "提出する" }).click();
    await expect(mp).toHaveURL(/\/survey\?submitted=1$/);
  };
  await submit();

  // The union finds the submission and sends it back with a reason.
  await page.goto(`/admin/surveys/${surveyId}?status=submitted`);
  await expect(page.getByRole("cell", { name: "提出済み" })).toBeVisible();
  await page.getByRole("link", { name: person.name }).click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByText("試験 花子(妻・1985-01-01 生)")).toBeVisible();
  // Nothing uploaded: each document the answers call for says so (survey-review-documents.spec.ts shows files).
  await expect(page.getByText("未提出").first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "差し戻し" }).click();
  await expect(page.getByText("理由を 1〜1000 文字で入力してください。")).toBeVisible();
  await expect(page.getByLabel("理由", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("radio", { name: "書類不足" }).check();
  await page.getByLabel("理由", { exact: true }).fill("送金の記録が足りません。3か月分を提出してください。");
  await page.getByRole("button", { name: "差し戻し" }).click();
  await expect(page.getByText("差し戻しました。")).toBeVisible();

  // The member sees the reason on /survey and in a mail, fixes and resubmits.
  await mp.goto("/survey");
  await expect(mp.getByText("状況: 差し戻し")).toBeVisible();
  await expect(mp.getByText("送金の記録が足りません。3か月分を提出してください。")).toBeVisible();
  await expect.poll(async () => (await mailboxOf(mp, member.email)).filter((m) => m.subject.includes("回答の修正をお願いします") && m.text.includes("送金の記録が足りません")).length).toBe(1);
  await submit();

  // The union approves; a second reviewer with the same case open gets the reload message.
  await page.reload();
  const second = await page.context().newPage();
  await second.goto(page.url());
  await page.getByRole("radio", { name: "継続" }).check();
  await page.getByRole("button", { name: "承認" }).click();
  await expect(page.getByText("承認しました(確認完了)。")).toBeVisible();
  await second.getByRole("radio", { name: "書類不足" }).check();
  await second.getByLabel("理由", { exact: true }).fill("後から来た担当者の理由");
  await second.getByRole("button", { name: "差し戻し" }).click();
  await expect(second.getByText("他の担当者が先に更新しました。画面を読み込み直してください。")).toBeVisible();
  await second.close();
  await mp.goto("/survey");
  await expect(mp.getByText("状況: 確認完了")).toBeVisible();

  expect(await reminders()).toBe(1);
  expect(await starts()).toBe(1);

  // The dashboard's survey panel counts the same case: one 確認完了, one not yet answered.
  await page.goto("/admin");
  const panel = page.getByRole("table", { name: "調査ごとの回答状況" });
  const cells = async () => (await panel.getByRole("row").nth(1).getByRole("cell").allTextContents()).map((c) => c.trim());
  expect((await cells()).slice(1)).toEqual(["2", "1", "0", "0", "0", "1", "1"]);
  await expectNoAxeViolations(page);

  // Progress and the CSV.
  await page.goto(`/admin/surveys/${surveyId}`);
  await expect(page.getByText("アカウント未登録").first()).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await page.request.get(`/admin/surveys.csv?survey=${surveyId}`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows: string[][] = parse(body.subarray(3).toString("utf8"));
  const header = rows[0];
  const wife = rows.find((r) => r[header.indexOf("番号")] === person.number)!;
  expect([wife[header.indexOf("氏名")], wife[header.indexOf("状況")], wife[header.indexOf("結果")], wife[header.indexOf("確認者")]]).toEqual(["試験 花子", "確認完了", "継続", admin.loginId]);
  const child = rows.find((r) => r[header.indexOf("番号")] === "noacct")!;
  expect([child[header.indexOf("状況")], child[header.indexOf("アカウント")]]).toEqual(["未回答", "未登録"]);
  expect(rows).toHaveLength(3);

  // Another union's admin: the survey, its review page and its CSV do not exist.
  const stranger = await newAdmin();
  const sp = await browser.newPage({ baseURL });
  await adminLogIn(sp, stranger);
  expect((await sp.goto(`/admin/surveys/${surveyId}`))!.status()).toBe(404);
  expect((await sp.request.get(`/admin/surveys.csv?survey=${surveyId}`)).status()).toBe(404);
  await sp.close();
  await phone.close();
});
