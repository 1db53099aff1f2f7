// A family targeted by the demo survey: a new 本人 row with three dependents (a student of 21, a
// mother of 66, a wife), their survey_targets and response rows in the demo union's open survey,
// then sign-up, login and consent through the UI.
import crypto from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { normalizeKanaName } from "../../lib/kana";
import { e2eSql } from "./db";
import { codeIn, expect, fillAccountForm, latestMail, logIn, newEmail, newUserId, PASSWORD, toAccountStep, type RosterPerson } from "./fixtures";

export interface SurveyFamily {
  person: RosterPerson;
  userId: string;
  password: string;
  email: string;
  insuredId: number;
  dependents: { student: number; mother: number; wife: number };
}

/** Born so that the student is 21 at 31 December of this year (the 150万円 rule). */
function studentBirthDate(): string {
  return `${new Date().getFullYear() - 21}-06-01`;
}

export async function newSurveyFamily(): Promise<Omit<SurveyFamily, "userId" | "password" | "email">> {
  const sql = e2eSql();
  const person: RosterPerson = {
    insurerCode: "jkc",
    symbol: String(crypto.randomInt(10, 99)),
    number: `s${crypto.randomBytes(4).toString("hex")}`,
    birthDate: "1975-03-03",
    name: "調査 一郎",
    kanaName: "チョウサ イチロウ",
  };
  const [union] = await sql`select id from unions where code = 'jkc'`;
  const [survey] = await sql`select id from surveys where union_id = ${union.id} and status = 'open' order by fiscal_year desc limit 1`;
  const row = (branch: string, name: string, kana: string, birthDate: string, relationship: string) =>
    sql`insert into roster_entries (union_id, symbol, number, branch, name, kana_name, kana_key, birth_date, relationship, is_insured)
        values (${union.id}, ${person.symbol}, ${person.number}, ${branch}, ${name}, ${kana}, ${normalizeKanaName(kana)}, ${birthDate}, ${relationship}, ${branch === "00"}) returning id`;
  const [insured] = await row("00", person.name, person.kanaName, person.birthDate, "本人");
  const [student] = await row("01", "調査 学", "チョウサ マナブ", studentBirthDate(), "子");
  const [mother] = await row("02", "調査 ハル", "チョウサ ハル", "1960-05-05", "母");
  const [wife] = await row("03", "調査 妙子", "チョウサ タエコ", "1978-09-09", "妻");
  for (const d of [student, mother, wife]) await sql`insert into survey_targets (survey_id, roster_entry_id, insured_entry_id, added_by) values (${survey.id}, ${d.id}, ${insured.id}, 'manual')`;
  await sql`insert into survey_responses (survey_id, insured_entry_id) values (${survey.id}, ${insured.id})`;
  return { person, insuredId: Number(insured.id), dependents: { student: Number(student.id), mother: Number(mother.id), wife: Number(wife.id) } };
}

/** Signs the family's insured person up, logs in and consents: ends on the top page. */
export async function signedInSurveyFamily(page: Page, request: APIRequestContext): Promise<SurveyFamily> {
  const family = await newSurveyFamily();
  const account = { userId: newUserId(), password: PASSWORD, email: newEmail() };
  await toAccountStep(page, family.person);
  await fillAccountForm(page, account);
  await page.getByRole("button", { name: "作成する" }).click();
  await expect(page).toHaveURL(/\/signup\/verify/);
  await page.getByLabel("認証番号").fill(codeIn((await latestMail(request, account.email)).text));
  await page.getByRole("button", { name: "OK" }).click();
  await expect(page).toHaveURL(/\/login\?created=1$/);
  await logIn(page, account);
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  return { ...family, ...account };
}

/** 差し戻し as the union will do it from /admin (lib/survey/review.ts does the same UPDATE). */
export async function returnBySql(insuredId: number, reason: string) {
  const rows = await e2eSql()`update survey_responses set status = 'returned', returned_reason = ${reason}, returned_at = now(), version = version + 1
    where insured_entry_id = ${insuredId} and status = 'submitted' returning id`;
  if (rows.length !== 1) throw new Error("no submitted response to return");
}

/** Makes the member's live session look idle for 31 minutes. */
export async function idleOut(insuredId: number) {
  await e2eSql()`update sessions set last_seen_at = now() - interval '31 minutes'
    where ended_at is null and member_id = (select id from members where roster_entry_id = ${insuredId})`;
}

export async function answerStudent(page: Page) {
  await page.getByRole("radio", { name: "続ける" }).check();
  await page.getByLabel("職業").selectOption({ label: "学生" });
  await page.getByLabel("年間収入見込額").fill("１，０００，０００");
  await page.getByRole("checkbox", { name: "給与", exact: true }).check();
  await page.getByRole("radio", { name: "同居" }).check();
}

export async function answerMother(page: Page) {
  await page.getByRole("radio", { name: "続ける" }).check();
  await page.getByLabel("職業").selectOption({ label: "年金受給者" });
  await page.getByLabel("年間収入見込額").fill("1,500,000");
  await page.getByRole("checkbox", { name: "年金", exact: true }).check();
  await page.getByRole("radio", { name: "同居" }).check();
}

export async function answerWife(page: Page) {
  await page.getByRole("radio", { name: "続ける" }).check();
  await page.getByLabel("職業").selectOption({ label: "無職" });
  await page.getByLabel("年間収入見込額").fill("0");
  await page.getByRole("radio", { name: "別居" }).check();
  await page.getByLabel("仕送り額").fill("100,000");
  await page.getByRole("radio", { name: "振込" }).check();
}
