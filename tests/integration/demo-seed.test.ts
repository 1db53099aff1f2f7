// The demo seed (APP_DEMO=1): union jkc with its standard terms, and an operator whose password is
// random, returned once and stored only as a hash. A production start refuses it unless forced.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { admins, termsVersions, unions } from "@/db/schema";
import { demoRefusal, seedDemo } from "@/db/seed/demo";
import { verifyPassword } from "@/lib/auth/hash";
import { passwordProblem } from "@/lib/auth/password-policy";
import { testClock } from "@/lib/clock";
import { describeEachDatabase } from "../support/databases";

const SECRET = "demo-seed-test-secret-0123456789abcdef";

describeEachDatabase("seedDemo", (t) => {
  it("seeds once, with the union's terms and an operator whose random password is only shown, never stored", async () => {
    const first = await seedDemo(t.db, SECRET, testClock());
    expect(first.created).toBe(true);
    const { loginId, password, totpUri } = first.admin!;
    expect(loginId).toBe("operator");
    expect(password).not.toBe("Demo-Admin-2026!");
    expect(passwordProblem(password, loginId)).toBeNull();
    expect(totpUri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    const [admin] = await t.db.select().from(admins).where(eq(admins.loginId, loginId));
    expect(admin.role).toBe("operator");
    expect(admin.passwordHash).not.toContain(password);
    expect(await verifyPassword(admin.passwordHash, password)).toBe(true);

    const [union] = await t.db.select().from(unions).where(eq(unions.code, "jkc"));
    const terms = await t.db.select().from(termsVersions).where(eq(termsVersions.unionId, union.id));
    expect(terms.map((v) => v.version)).toEqual([1]);
    expect(terms[0].body).toContain("JKCデモ健康保険組合(以下「当組合」)");

    // A second start on the same database shows no password again, only the TOTP URI to add.
    expect(await seedDemo(t.db, SECRET, testClock())).toEqual({ created: false, totpUri });
  });
});

describe("demoRefusal", () => {
  it("refuses under NODE_ENV=production unless APP_DEMO_FORCE=1; development is unaffected", () => {
    expect(demoRefusal({ NODE_ENV: "production" })).toMatch(/APP_DEMO_FORCE=1/);
    expect(demoRefusal({ NODE_ENV: "production", APP_DEMO_FORCE: "1" })).toBeNull();
    expect(demoRefusal({ NODE_ENV: "development" })).toBeNull();
    expect(demoRefusal({})).toBeNull();
  });
});
