import crypto from "node:crypto";
import { defineConfig, devices, type LaunchOptions } from "@playwright/test";

// The suite runs against the production build on a fresh PostgreSQL database of its own
// (created by tests/e2e/server.ts, dropped by tests/e2e/teardown.ts). Workers inherit this env.
process.env.E2E_DB_NAME ??= `fuyo_e2e_${crypto.randomBytes(4).toString("hex")}`;
// 7000–7899: clear of the services this kind of machine runs (MariaDB 3306, NATS 4222, …).
process.env.E2E_PORT ??= String(7000 + crypto.randomInt(900));
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

// Debian's Chromium; Playwright's own browser download is not reachable from these machines.
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./tests/e2e/teardown.ts",
  // Generous: the machine has two cores, and a run shares them with the server and the database.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure", locale: "ja-JP", timezoneId: "Asia/Tokyo" },
  projects: [
    { name: "pixel7", use: { ...devices["Pixel 7"], launchOptions }, testIgnore: /tests\/e2e\/(admin|ops)\// },
    // The second phone runs the survey (its layout-heavy pages and uploads), the happy path and
    // axe; the member door's rules are one phone's work (Pixel 7), which keeps CI under 20 minutes.
    { name: "iphone13", use: { ...devices["iPhone 13"], browserName: "chromium", launchOptions }, testMatch: /tests\/e2e\/(survey-[^/]*|member-happy-path|member-a11y)\.spec\.ts$/ },
    // The admin area is desktop first; ops/ checks the server itself (headers, proxies, instances).
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, testMatch: /tests\/e2e\/((admin|ops)\/.*|smoke)\.spec\.ts$/ },
  ],
  webServer: {
    command: "npx tsx tests/e2e/server.ts",
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
