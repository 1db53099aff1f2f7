import { expect, test } from "@playwright/test";

test("health check answers ok when the database is up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", outbox: { backlog: expect.any(Number), oldestUnsentSeconds: expect.any(Number) } });
  expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
});

test("the sign-up page shows the roster fields with their labels", async ({ page }) => {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ユーザーIDの作成");
  for (const label of ["保険者指定コード", "記号", "番号", "生年月日", "氏名(カナ)"]) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "認証" })).toBeVisible();
});
