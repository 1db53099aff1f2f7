// Queues the day's survey reminder mails. Meant for a scheduler (once or several times a day);
// safe to call from many places at once: each member gets one reminder per reminder date.
import { getDb } from "@/db";
import { systemClock } from "@/lib/clock";
import { cronRoute } from "@/lib/http/cron-route";
import { sendReminders } from "@/lib/survey/reminders";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const run = cronRoute("reminders", async () => sendReminders(await getDb(), systemClock));

export const GET = run;
export const POST = run;
