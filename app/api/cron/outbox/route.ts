// Delivers due email once per call. Meant for a scheduler (Vercel Cron, a system cron with curl);
// safe to call from many places at once, since deliverDue claims rows with SKIP LOCKED.
import crypto from "node:crypto";
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { deliverDue } from "@/lib/email/deliver";
import { transportFromEnv } from "@/lib/email/transport";
import { housekeeping } from "@/lib/housekeeping";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function run(request: Request): Promise<Response> {
  if (!authorized(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  try {
    const db = await getDb();
    const summary = await deliverDue(db, { transport: transportFromEnv(db), limit: 25 });
    // Housekeeping rides along: old throttle buckets, stale sign-up requests, mail past retention.
    const pruned = await housekeeping(db, systemClock);
    return Response.json({ ...summary, pruned }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[email] cron delivery failed", error);
    return Response.json({ error: "delivery failed" }, { status: 500 });
  }
}

export const GET = run;
export const POST = run;

/**
 * With CRON_SECRET set, callers must send `Authorization: Bearer <secret>` (what Vercel Cron
 * sends). Without it the route is open: it only delivers mail that is already due.
 */
function authorized(header: string | null): boolean {
  const secret = process.env.CRON_SECRET?.trim();
  if (!secret) return true;
  // Compare digests so the comparison takes the same time whatever the lengths.
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(header ?? ""), digest(`Bearer ${secret}`));
}
