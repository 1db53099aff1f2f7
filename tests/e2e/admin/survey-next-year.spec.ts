// The next year's survey with an account reset (desktop admin, Pixel 7 member): the union runs and
// closes a survey, downloads the no-account list (parsed), creates the next year's draft with
// 「アカウントをリセットする」 (reason and confirmation required); the member's session ends, the
// old login is refused with its own message, and the member signs up again from the roster.
// The old survey stays readable and read-only. axe on the changed pages.
import { parse } from "csv-parse/sync";
import { e2eSql } from "../db";
import { expect, logIn, newRosterPerson, newUnion, signUpAs, test } from "../fixtures";
import { adminLogIn, createDraftSurvey, expectNoAxeViolations, newAdmin, phoneMember } from "./admin-fixtures";

test.setTimeout(240_000);

test("close a survey, export the members without an account, create next year with a reset; the member signs up again", async ({ page, browser, baseURL }) => {
  const union = await newUnion();
  const person = await newRosterPerson({ insurerCode: union.code });
  await e2eSql()`insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
    values (${union.id}, '99', 'paper', '00', '紙 次郎', 'カミ ジロウ', 'カミシロウ', '1970-01-01', '本人', true),
           (${union.id}, '99', 'paper', '01', '紙 三郎', 'カミ サブロウ', 'カミサフロウ', '2012-01-01', '子', false),
           (${union.id}, '99', 'paper', '02', '紙 四郎', 'カミ シロウ', 'カミシロウ', '2014-01-01', '子', false)`;

  const { phone, mp, member } = await phoneMember(browser, baseURL!, person);

  // The union opens a survey and closes it by hand.
  const admin = await newAdmin({ unionCode: union.code });
  await adminLogIn(page, admin);
  const oldId = await createDraftSurvey(page);
  await page.getByRole("button", { name: "調査を開始する" }).click();
  await expect(page.getByText("開始のメールを 1 通送信待ちにしました。")).toBeVisible();
  await expect(page.getByRole("figure").getByText("提出と確認完了の累計", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "いま締め切る" }).click();
  await expect(page.getByText("この調査は終了しました。", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "次年度の調査を作成" })).toBeVisible();
  await expectNoAxeViolations(page);

  // The households without an account, for paper mail.
  const csv = await page.request.get(`/admin/surveys/${oldId}/no-account.csv`);
  expect(csv.status()).toBe(200);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows: string[][] = parse(body.subarray(3).toString("utf8"));
  expect(rows).toEqual([
    ["記号", "番号", "氏名", "カナ", "生年月日", "対象の被扶養者数", "状況"],
    ["99", "paper", "紙 次郎", "カミ ジロウ", "1970-01-01", "2", "未回答"],
  ]);

  // Next year with a reset: the reason and the confirmation are required.
  await page.getByRole("radio", { name: "アカウントをリセットする" }).check();
  await page.getByRole("button", { name: "次年度の調査を作成" }).click();
  await expect(page.getByLabel("リセットの理由")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("アカウントをリセットする理由を 1〜200 文字で入力してください")).toBeVisible();
  await page.getByLabel("リセットの理由").fill("年度替わりのため、全員に登録し直していただく");
  await page.getByRole("button", { name: "次年度の調査を作成" }).click();
  await expect(page.getByText("リセットしてよいか確認のチェックを入れてください")).toBeVisible();
  await page.getByRole("checkbox", { name: "リセットすると、すべての会員アカウントが閉じられ、元に戻せないことを確認しました" }).check();
  await page.getByRole("button", { name: "次年度の調査を作成" }).click();
  await expect(page.getByText("会員のアカウント 1 件を閉じました。", { exact: false })).toBeVisible();
  await expect(page.getByText("下書き").first()).toBeVisible();

  // The old survey: readable, read-only.
  await page.goto(`/admin/surveys/${oldId}`);
  await expect(page.getByText("過去の年度の調査です。回答と結果は閲覧できますが、変更はできません。")).toBeVisible();
  await expect(page.getByRole("heading", { name: "次年度の調査を作成" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The member's session has ended; the old account is refused with its own message.
  await mp.goto("/");
  await expect(mp).toHaveURL(/\/login/);
  await logIn(mp, member);
  await expect(mp.getByText("このアカウントは、健康保険組合が新しい年度の調査のために閉じました。", { exact: false })).toBeVisible();

  // …and signs up again from the roster.
  await mp.context().clearCookies();
  const again = await signUpAs(mp, mp.request, person);
  await logIn(mp, again);
  await mp.getByLabel("利用規約に同意する").check();
  await mp.getByRole("button", { name: "次へ" }).click();
  await expect(mp).toHaveURL(/\/$/);
  await phone.close();
});
