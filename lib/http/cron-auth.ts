import crypto from "node:crypto";
/**
 * Cron routes need `Authorization: Bearer <CRON_SECRET>` (what Vercel Cron sends). A production
 * server does not start without the secret; only `next dev` runs them open.
 */
export function cronAuthorized(header: string | null): boolean {
  // Read at call time (validated at start by lib/env.ts), so a rotated secret needs no rebuild.
  const secret = process.env.CRON_SECRET?.trim();
  if (!secret) return process.env.NODE_ENV !== "production";
  // Compare digests so the comparison takes the same time whatever the lengths.
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(header ?? ""), digest(`Bearer ${secret}`));
}
