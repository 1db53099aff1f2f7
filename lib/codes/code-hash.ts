// Codes are stored only as HMAC-SHA256 under a pepper derived from AUTH_SECRET, so a copy of the
// database alone does not reveal live codes (a 6-digit space is too small for a plain hash).
import crypto from "node:crypto";
import { env } from "../env";

let pepper: Buffer | undefined;
function getPepper(): Buffer {
  pepper ??= Buffer.from(crypto.hkdfSync("sha256", env().AUTH_SECRET, "fuyo", "one-time-code-pepper", 32));
  return pepper;
}

export function hashCode(purpose: string, subject: string, code: string): string {
  return crypto.createHmac("sha256", getPepper()).update(`${purpose}\0${subject}\0${code}`).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Six digits from a CSPRNG, leading zeros kept. */
export function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
}
