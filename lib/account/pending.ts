// A recovery in progress (forgot password), kept in a signed, short-lived cookie in the browser:
// what the member typed, never whether it matched an account, so the next page reads the same
// for a real account and for none.
import crypto from "node:crypto";
import { env } from "../env";

const key = () => crypto.hkdfSync("sha256", env().AUTH_SECRET, "fuyo", "pending-flow-cookie", 32);

export function sealPending<T extends object>(payload: T, ttlMs: number, now: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: now.getTime() + ttlMs })).toString("base64url");
  const mac = crypto.createHmac("sha256", Buffer.from(key())).update(body).digest("base64url");
  return `${body}.${mac}`;
}

export function openPending<T extends object>(sealed: string | undefined, now: Date): T | null {
  if (!sealed) return null;
  const [body, mac] = sealed.split(".");
  if (!body || !mac) return null;
  const expected = crypto.createHmac("sha256", Buffer.from(key())).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T & { exp: number };
    return payload.exp > now.getTime() ? payload : null;
  } catch {
    return null;
  }
}
