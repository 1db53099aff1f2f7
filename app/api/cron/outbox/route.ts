// Delivers due email once per call. Meant for a scheduler (Vercel Cron, a system cron with curl);
// safe to call from many places at once, since deliverDue claims rows with SKIP LOCKED.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { deliverDue } from "@/lib/email/deliver";
import { transportFromEnv } from "@/lib/email/transport";
import { housekeeping } from "@/lib/housekeeping";
import { cronRoute } from "@/lib/http/cron-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const run = cronRoute("delivery", async () => {
  const db = await getDb();
  const summary = await deliverDue(db, { transport: transportFromEnv(db), limit: 25 });
  // Housekeeping rides along: old throttle buckets, stale sign-up requests, mail past retention.
  const pruned = await housekeeping(db, systemClock);
  return { ...summary, pruned };
});

export const GET = run;
export const POST = run;
