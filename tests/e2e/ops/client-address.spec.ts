// The client address behind TRUSTED_PROXIES: the suite's server trusts one proxy, so the right-most
// X-Forwarded-For entry is the client and anything a client writes to the left of it changes
// nothing; a server trusting no proxy uses the socket and ignores the header altogether.
import crypto from "node:crypto";
import { MESSAGES } from "../../../lib/errors";
import { e2eSql } from "../db";
import { expect, fillRosterForm, newRosterPerson, randomClientIp, test } from "../fixtures";
import { startInstance } from "./instance";

const forged = () => `${crypto.randomInt(1, 223)}.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

test("a new left-most X-Forwarded-For entry on each try does not get past the per-client match throttle", async ({ page, context }) => {
  const client = randomClientIp();
  const person = await newRosterPerson();
  const tried: string[] = [];
  await page.goto("/signup");
  for (let i = 1; i <= 21; i++) {
    await context.setExtraHTTPHeaders({ "x-forwarded-for": `${forged()}, ${forged()}, ${client}` });
    // A different wrong 記号・番号 each time, so only the per-client limit (20 an hour) can refuse.
    const number = `x${crypto.randomBytes(4).toString("hex")}`;
    tried.push(`match:entry:jkc:${person.symbol}:${number}`);
    await fillRosterForm(page, { ...person, number });
    await page.getByRole("button", { name: "認証" }).click();
    await expect(page.getByText(i <= 20 ? /一致する被保険者が見つかりませんでした/ : MESSAGES.throttled)).toBeVisible();
  }
  // Every attempt was recorded against the real client, none against a forged entry.
  const ips = await e2eSql()`select distinct ip from audit_log where target = any(${tried})`;
  expect(ips.map((r) => r.ip)).toEqual([client]);
});

test("a server trusting no proxy takes the socket address, whatever X-Forwarded-For says", async ({ browser }) => {
  const instance = await startInstance({ TRUSTED_PROXIES: "0" });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `${forged()}, ${forged()}` } });
    const page = await context.newPage();
    const typed = `nobody_${crypto.randomBytes(4).toString("hex")}`;
    await page.goto(`${instance.url}/login`);
    await page.getByLabel("ユーザーID").fill(typed);
    await page.getByLabel("パスワード", { exact: true }).fill("Wrong-pass-1!");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(page.getByText("ユーザーIDまたはパスワードが正しくありません。")).toBeVisible();
    const rows = await e2eSql()`select ip from login_attempts where typed_user_id = ${typed}`;
    expect(rows.map((r) => r.ip)).toEqual(["127.0.0.1"]);
    await context.close();
  } finally {
    await instance.stop();
  }
});
