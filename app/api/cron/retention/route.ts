// Purges the uploaded documents of surveys that ended longer ago than each union's retention
// period (lib/survey/retention.ts). Meant for a scheduler (daily is plenty); safe to call from many
// places at once: files are claimed with SKIP LOCKED and a purged file is never touched again.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { cronRoute } from "@/lib/http/cron-route";
import { getStorage } from "@/lib/storage";
import { purgeExpiredDocuments } from "@/lib/survey/retention";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// A bounded slice per call; a scheduler calling again continues where this one stopped.
const run = cronRoute("retention", async () => purgeExpiredDocuments({ db: await getDb(), clock: systemClock, storage: getStorage() }, { maxBatches: 25 }));

export const GET = run;
export const POST = run;
