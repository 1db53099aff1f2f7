import { describe, expect, it } from "vitest";
import { checkServingEnv, EnvError, parseEnv } from "@/lib/env";

const base = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), CRON_SECRET: "c".repeat(24) } as const;
const serve = (extra: Record<string, string>) => () => checkServingEnv(parseEnv({ ...base, ...extra }, true));

describe("a production server's environment", () => {
  it("refuses to start without RESEND_API_KEY unless APP_MAILBOX=1 says the mailbox is intended", () => {
    expect(serve({})).toThrow(EnvError);
    expect(serve({})).toThrow(/RESEND_API_KEY is required in production/);
    expect(serve({ APP_MAILBOX: "0" })).toThrow(/RESEND_API_KEY/);
    expect(serve({ APP_MAILBOX: "1" })).not.toThrow();
    expect(serve({ RESEND_API_KEY: "re_123", EMAIL_FROM: "健保 <no-reply@example.jp>" })).not.toThrow();
  });

  it("refuses to start without CRON_SECRET", () => {
    expect(() => checkServingEnv(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(40), APP_MAILBOX: "1" }, true))).toThrow(/CRON_SECRET is required in production/);
    expect(() => parseEnv({ ...base, CRON_SECRET: "short" }, true)).toThrow(/CRON_SECRET must be at least 16 characters/);
  });

  it("reads TRUSTED_PROXIES as a count, 0 by default", () => {
    expect(parseEnv({ ...base }, true).TRUSTED_PROXIES).toBe(0);
    expect(parseEnv({ ...base, TRUSTED_PROXIES: "2" }, true).TRUSTED_PROXIES).toBe(2);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "yes" }, true)).toThrow(/TRUSTED_PROXIES must be a number of proxies/);
  });
});
