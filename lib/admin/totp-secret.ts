// TOTP secrets at rest: AES-256-GCM under a key derived with HKDF-SHA256 from AUTH_SECRET, so a
// copy of the database alone does not let anyone compute an administrator's codes. The stored form
// is `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the admin row by the AAD `admin-totp`.
import crypto from "node:crypto";

const VERSION = "v1";
const AAD = Buffer.from("admin-totp");

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", authSecret, "fuyo-portal", "admin totp secret v1", 32));
}

export function encryptTotpSecret(secret: string, authSecret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plain Base32 secret; throws when the value was not made with this AUTH_SECRET. */
export function decryptTotpSecret(stored: string, authSecret: string): string {
  const [version, iv, tag, body] = stored.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("admins.totp_secret is not an encrypted secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(authSecret), Buffer.from(iv, "base64url"));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
