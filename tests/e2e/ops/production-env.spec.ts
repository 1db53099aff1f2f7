// A production server refuses to start when its environment would expose members (SPEC: Mailbox,
// CRON_SECRET), saying which variable in one sentence.
import { expect, test } from "@playwright/test";
import { runRefusingServer, startInstance } from "./instance";

test("without RESEND_API_KEY and without APP_MAILBOX=1 the server does not start", async () => {
  const { code, output } = await runRefusingServer({ APP_MAILBOX: undefined });
  expect(code).toBe(1);
  expect(output).toContain("Environment variable RESEND_API_KEY is required in production");
});

test("without CRON_SECRET the server does not start", async () => {
  const { code, output } = await runRefusingServer({ CRON_SECRET: undefined });
  expect(code).toBe(1);
  expect(output).toContain("Environment variable CRON_SECRET is required in production");
});

test("with APP_MAILBOX=1 it starts, and the mailbox banner says mail is not really sent", async ({ page }) => {
  const instance = await startInstance();
  try {
    await page.goto(`${instance.url}/login`);
    await expect(page.getByText(/実際には(送信|配信)され/).first()).toBeVisible();
  } finally {
    await instance.stop();
  }
});
