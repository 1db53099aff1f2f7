// The member session cookie: the same encrypted JWT Auth.js issues after a sign-in ({ sub, sid },
// "dir" + A256CBC-HS512 under a key derived from AUTH_SECRET and salted with the cookie name), so
// auth() reads it as its own. Auth.js's encode() derives that key and its thumbprint again for
// every token; they depend only on the secret, so they are derived once here, with the same
// libraries (@panva/hkdf, jose) and the same inputs. tests/unit/session-cookie.test.ts decodes
// our tokens with Auth.js's decode().
import { hkdf } from "@panva/hkdf";
import { base64url, calculateJwkThumbprint, EncryptJWT } from "jose";
import { SESSION_POLICY } from "./sessions";

const production = process.env.NODE_ENV === "production";
export const SESSION_COOKIE = production ? "__Host-fuyo.session" : "fuyo.session";
export const SESSION_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", secure: production } as const;

const ENC = "A256CBC-HS512";
const MAX_AGE_S = SESSION_POLICY.absoluteMs / 1000;

interface Key {
  key: Uint8Array;
  kid: string;
}
/** By secret (one in production; tests use several). */
const keys = new Map<string, Promise<Key>>();

function keyFor(secret: string, salt: string): Promise<Key> {
  let key = keys.get(secret);
  if (!key) {
    key = (async () => {
      const bytes = await hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64);
      return { key: bytes, kid: await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(bytes) }, "sha512") };
    })();
    keys.set(secret, key);
  }
  return key;
}

export interface SessionCookie {
  name: string;
  value: string;
  options: typeof SESSION_COOKIE_OPTIONS & { expires: Date };
}

/** The cookie that carries a new session (lib/auth/login.ts opened its row). */
export async function sessionCookie(secret: string, memberId: number, sessionId: string, now = Date.now()): Promise<SessionCookie> {
  const { key, kid } = await keyFor(secret, SESSION_COOKIE);
  const issuedAt = Math.floor(now / 1000);
  const value = await new EncryptJWT({ sub: String(memberId), sid: sessionId })
    .setProtectedHeader({ alg: "dir", enc: ENC, kid })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + MAX_AGE_S)
    .setJti(crypto.randomUUID())
    .encrypt(key);
  return { name: SESSION_COOKIE, value, options: { ...SESSION_COOKIE_OPTIONS, expires: new Date(now + MAX_AGE_S * 1000) } };
}
