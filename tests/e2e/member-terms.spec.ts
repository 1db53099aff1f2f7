// 利用規約 (SPEC "Member flows" 5): a new version published by the union is consented to again
// before anything else. The test publishes in a union of its own so parallel tests are untouched.
import { e2eSql } from "./db";
import { expect, logIn, newRosterPerson, newUnion, signUpAs, test } from "./fixtures";

test("a newly published terms version is shown on the next page view and consented to again", async ({ page, request }) => {
  const sql = e2eSql();
  const union = await newUnion();
  const person = await newRosterPerson({ insurerCode: union.code });
  const member = await signUpAs(page, request, person);

  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByText("第1版")).toBeVisible();
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText(union.name).first()).toBeVisible();

  await sql`
    insert into terms_versions (union_id, version, title, body)
    select ${union.id}, max(version) + 1, ${`${union.name} 利用規約`}, '第1条 この規約は改定されました。' from terms_versions where union_id = ${union.id}`;

  await page.goto("/account");
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByText("利用規約が改定されたため")).toBeVisible();
  await expect(page.getByText("第2版")).toBeVisible();
  await page.getByLabel("利用規約に同意する").check();
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page).toHaveURL(/\/$/);

  const consents = await sql`
    select v.version from terms_consents c join terms_versions v on v.id = c.terms_version_id
     join members m on m.id = c.member_id
     where lower(m.user_id) = lower(${member.userId}) order by v.version`;
  expect(consents.map((c) => c.version)).toEqual([1, 2]);
});

test("a member of a union without any terms version is held on /terms, which says so and shows the union's contact", async ({ page, request }) => {
  const sql = e2eSql();
  const letters = Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  const [union] = await sql`
    insert into unions (code, name, call_center_phone, call_center_hours, support_email)
    values (${`n${letters}`}, ${`規約なし${letters.slice(0, 4)}健康保険組合`}, '050-1234-5678', '平日 9:00〜17:00', ${`help@n${letters}.example.jp`})
    returning id, code, name`;
  const person = await newRosterPerson({ insurerCode: union.code });
  const member = await signUpAs(page, request, person);

  await logIn(page, member);
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByText("利用規約はまだ公開されていません")).toBeVisible();
  await expect(page.getByText(`お問い合わせ先: ${union.name}`)).toBeVisible();
  await expect(page.getByRole("link", { name: "050-1234-5678" })).toBeVisible();
  await expect(page.getByLabel("利用規約に同意する")).toHaveCount(0);
  for (const path of ["/", "/account", "/account/email"]) {
    await page.goto(path);
    await expect(page, `${path} is not reachable`).toHaveURL(/\/terms$/);
  }
  const consents = await sql`select count(*)::int as n from terms_consents c join members m on m.id = c.member_id where m.union_id = ${union.id}`;
  expect(consents[0].n).toBe(0);
});
