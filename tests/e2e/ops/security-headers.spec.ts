// Every page carries a nonce-based CSP (a fresh nonce per response, on every script Next renders),
// no page or personal answer is cacheable, production sends HSTS, and cron routes need the secret.
import { E2E_CRON_SECRET } from "../db";
import { expect, signedInMember, test } from "../fixtures";

const DIRECTIVES = ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"];

test("pages carry a CSP with a fresh nonce that every script of the page has", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/login", "/login", "/signup", "/forgot-password", "/forgot-id", "/dev/mailbox"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const csp = response.headers()["content-security-policy"];
    for (const d of DIRECTIVES) expect(csp, path).toContain(d);
    const nonce = csp.match(/script-src 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/)?.[1];
    expect(nonce, `${path}: script-src with a nonce and strict-dynamic`).toBeTruthy();
    expect(csp).not.toContain("unsafe-eval");
    nonces.add(nonce!);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    expect(response.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(nonces.size, "a new nonce for every response").toBe(6);
});

test("signed-in pages and personal data are never cacheable", async ({ page, request }) => {
  await signedInMember(page, request);
  for (const path of ["/", "/account", "/account/email"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["cache-control"], path).toBe("no-store");
  }
  const mailbox = await request.get("/dev/mailbox.json?to=someone@example.jp");
  expect(mailbox.headers()["cache-control"]).toBe("no-store");
});

test("a cron route needs the bearer secret", async ({ request }) => {
  expect((await request.get("/api/cron/outbox")).status()).toBe(401);
  expect((await request.get("/api/cron/outbox", { headers: { authorization: "Bearer wrong-secret-wrong-secret" } })).status()).toBe(401);
  expect((await request.get("/api/cron/outbox", { headers: { authorization: `Bearer ${E2E_CRON_SECRET}` } })).status()).toBe(200);
});

test("an unknown address answers 404 with our own page, under the same CSP", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ページが見つかりません");
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
});
