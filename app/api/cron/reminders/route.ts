// Queues the day's survey reminder mails. Meant for a scheduler (once or several times a day);
// safe to call from many places at once: each member gets one reminder per reminder date.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { cronAuthorized } from "@/lib/http/cron-auth";
import { errorFields, log } from "@/lib/log";
import { sendReminders } from "@/lib/survey/reminders";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function run(request: Request): Promise<Response> {
  if (!cronAuthorized(request.headers.get("authorization"))) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
  try {
    const summary = await sendReminders(await getDb(), systemClock);
    return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error(errorFields(error), "cron: survey reminders failed");
    return Response.json({ error: "reminders failed" }, { status: 500 });
  }
}

export const GET = run;
export const POST = run;
