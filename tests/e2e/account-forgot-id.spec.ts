// Forgot user ID (SPEC "Member flows" 7): the ID is emailed to the registered address only, and
// the page says the same thing whether or not the address is registered.
import type { Page } from "@playwright/test";
import { expect, latestMail, mailboxOf, newEmail, signUp, test } from "./fixtures";

const SENT = "ご登録のあるメールアドレスの場合は、ユーザーIDをお知らせするメールをお送りしました。";

async function askForId(page: Page, email: string): Promise<string> {
  await page.goto("/forgot-id");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "次へ" }).click();
  await expect(page.getByText(SENT)).toBeVisible();
  await expect(page).toHaveURL(/\/forgot-id$/);
  return page.locator("main").innerText();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a registered and an unknown address read the same, and only the registered one gets its user ID", async ({ page, request }) => {
      const member = await signUp(page, request);
      const unknown = newEmail();

      const forUnknown = await askForId(page, unknown);
      const forRegistered = await askForId(page, member.email);
      expect(forUnknown).toBe(forRegistered);

      const mail = await latestMail(request, member.email, { count: 2 });
      expect(mail.subject).toContain("ユーザーIDのお知らせ");
      expect(mail.text).toContain(member.userId);
      expect(await mailboxOf(page, unknown)).toHaveLength(0);
    });
  });
}
