// Our session cookie must be one Auth.js reads as its own (auth() decodes it on every request):
// the key is derived once per secret here, so check the tokens against Auth.js's own decode().
import { decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, sessionCookie } from "../../lib/auth/session-cookie";
import { SESSION_POLICY } from "../../lib/auth/sessions";

const SECRET = "unit-test-secret-0123456789abcdefghijklmnop";
const OTHER = "another-secret-0123456789abcdefghijklmnopqr";

describe("sessionCookie", () => {
  it("is a token Auth.js decodes to the member and session, valid for the session's absolute limit", async () => {
    const now = Date.now();
    const cookie = await sessionCookie(SECRET, 42, "session-id-1", now);
    expect(cookie.name).toBe(SESSION_COOKIE);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(cookie.options.expires.getTime()).toBe(now + SESSION_POLICY.absoluteMs);
    const claims = await decode({ token: cookie.value, secret: SECRET, salt: SESSION_COOKIE });
    expect(claims).toMatchObject({ sub: "42", sid: "session-id-1" });
    expect(claims!.exp! - claims!.iat!).toBe(SESSION_POLICY.absoluteMs / 1000);
    expect(claims!.iat).toBe(Math.floor(now / 1000));
  });

  it("keeps one key per secret: tokens under two secrets decode only under their own", async () => {
    const first = await sessionCookie(SECRET, 1, "a");
    const second = await sessionCookie(OTHER, 2, "b");
    const third = await sessionCookie(SECRET, 3, "c");
    expect(await decode({ token: first.value, secret: SECRET, salt: SESSION_COOKIE })).toMatchObject({ sub: "1", sid: "a" });
    expect(await decode({ token: second.value, secret: OTHER, salt: SESSION_COOKIE })).toMatchObject({ sub: "2", sid: "b" });
    expect(await decode({ token: third.value, secret: SECRET, salt: SESSION_COOKIE })).toMatchObject({ sub: "3", sid: "c" });
    await expect(decode({ token: second.value, secret: SECRET, salt: SESSION_COOKIE })).rejects.toThrow();
  });

  it("gives every token its own id, so two logins in one second are two tokens", async () => {
    const now = Date.now();
    const [a, b] = await Promise.all([sessionCookie(SECRET, 7, "same", now), sessionCookie(SECRET, 7, "same", now)]);
    expect(a.value).not.toBe(b.value);
    const [ca, cb] = await Promise.all([a, b].map((c) => decode({ token: c.value, secret: SECRET, salt: SESSION_COOKIE })));
    expect(ca!.jti).not.toBe(cb!.jti);
  });
});
