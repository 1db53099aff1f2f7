// Delivers due email once per call. Meant for a scheduler (Vercel Cron, a system cron with curl);
// safe to call from many places at once, since deliverDue claims rows with SKIP LOCKED.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { deliverDue } from "@/lib/email/deliver";
import { transportFromEnv } from "@/lib/email/transport";
import { housekeeping } from "@/lib/housekeeping";
import { cronAuthorized } from "@/lib/http/cron-auth";
import { errorFields, log } from "@/lib/log";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function run(request: Request): Promise<Response> {
  if (!cronAuthorized(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  try {
    const db = await getDb();
    const summary = await deliverDue(db, { transport: transportFromEnv(db), limit: 25 });
    // Housekeeping rides along: old throttle buckets, stale sign-up requests, mail past retention.
    const pruned = await housekeeping(db, systemClock);
    return Response.json({ ...summary, pruned }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error(errorFields(error), "cron: outbox delivery failed");
    return Response.json({ error: "delivery failed" }, { status: 500 });
  }
}

export const GET = run;
export const POST = run;
