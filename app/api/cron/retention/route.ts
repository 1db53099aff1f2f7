// Purges the uploaded documents of surveys that ended longer ago than each union's retention
// period (lib/survey/retention.ts). Meant for a scheduler (daily is plenty); safe to call from many
// places at once: files are claimed with SKIP LOCKED and a purged file is never touched again.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { cronAuthorized } from "@/lib/http/cron-auth";
import { errorFields, log } from "@/lib/log";
import { getStorage } from "@/lib/storage";
import { purgeExpiredDocuments } from "@/lib/survey/retention";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function run(request: Request): Promise<Response> {
  if (!cronAuthorized(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  try {
    // A bounded slice per call; a scheduler calling again continues where this one stopped.
    const summary = await purgeExpiredDocuments({ db: await getDb(), clock: systemClock, storage: getStorage() }, { maxBatches: 25 });
    return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error(errorFields(error), "cron: document retention failed");
    return Response.json({ error: "retention failed" }, { status: 500 });
  }
}

export const GET = run;
export const POST = run;
