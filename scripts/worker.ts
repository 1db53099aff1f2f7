// `npm run worker`: delivers queued email until SIGINT/SIGTERM. Run as many as you like, on as
// many machines: each pass claims its own rows (FOR UPDATE SKIP LOCKED), so none is sent twice.
//   --interval <seconds>  pause between passes when the queue is empty (default 5)
import { openDb, type DbHandle } from "@/db/connect";
import { MINUTE, systemClock } from "@/lib/clock";
import { deliverDue, type DeliverySummary } from "@/lib/email/deliver";
import { transportFromEnv } from "@/lib/email/transport";
import { envOrExit } from "@/lib/env";
import { housekeeping } from "@/lib/housekeeping";
import { storageFromEnv } from "@/lib/storage/from-env";
import { sendReminders } from "@/lib/survey/reminders";
import { purgeExpiredDocuments } from "@/lib/survey/retention";

const BATCH = 25;
/** Pruning is cheap but not needed every pass; many workers may each run it (it is idempotent). */
const HOUSEKEEPING_EVERY_MS = 10 * MINUTE;
/** Survey reminders are keyed by date (one per member per reminder date), so any cadence is safe. */
const REMINDERS_EVERY_MS = 10 * MINUTE;
/** Retention is counted in days; once an hour is plenty, and files are claimed with SKIP LOCKED. */
const RETENTION_EVERY_MS = 60 * MINUTE;

function intervalMs(argv: string[]): number {
  const i = argv.indexOf("--interval");
  if (i === -1) return 5_000;
  const seconds = Number(argv[i + 1]);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    console.error("worker: --interval needs a number of seconds greater than 0");
    process.exit(2);
  }
  return seconds * 1000;
}

async function open(): Promise<DbHandle> {
  const e = envOrExit();
  if (e.DATABASE_URL) return openDb({ url: e.DATABASE_URL, max: 2 });
  // PGlite allows one process per directory, and the app already holds it: there, the app sends
  // mail itself and /api/cron/outbox retries. Opening it here as well could corrupt it.
  console.error("worker: DATABASE_URL is not set. With the embedded database the app delivers mail itself (retries: GET /api/cron/outbox).");
  process.exit(2);
}

async function main() {
  const pause = intervalMs(process.argv.slice(2));
  const handle = await open();
  const transport = transportFromEnv(handle.db);
  const storage = storageFromEnv();
  console.log(`worker: delivering email via ${transport.name}, every ${pause / 1000}s when idle`);

  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = (signal: string) => {
    if (stopping) return;
    console.log(`worker: ${signal}, finishing the current pass`);
    stopping = true;
    wake?.();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  let failures = 0;
  let lastHousekeeping = 0;
  let lastReminders = 0;
  let lastRetention = 0;
  while (!stopping) {
    let summary: DeliverySummary | undefined;
    try {
      if (Date.now() - lastHousekeeping >= HOUSEKEEPING_EVERY_MS) {
        const pruned = await housekeeping(handle.db, systemClock);
        lastHousekeeping = Date.now();
        if (pruned.signupRequests || pruned.outbox) console.log(`worker: pruned ${JSON.stringify(pruned)}`);
      }
      if (Date.now() - lastReminders >= REMINDERS_EVERY_MS) {
        const reminders = await sendReminders(handle.db, systemClock);
        lastReminders = Date.now();
        if (reminders.queued) console.log(`worker: survey reminders ${JSON.stringify(reminders)}`);
      }
      if (Date.now() - lastRetention >= RETENTION_EVERY_MS) {
        const purged = await purgeExpiredDocuments({ db: handle.db, clock: systemClock, storage });
        lastRetention = Date.now();
        if (purged.files) console.log(`worker: document retention ${JSON.stringify(purged)}`);
      }
      summary = await deliverDue(handle.db, { transport, limit: BATCH });
      failures = 0;
      if (summary.claimed > 0) console.log(`worker: ${JSON.stringify(summary)}`);
    } catch (error) {
      // The database may be restarting; back off instead of spinning, and keep going.
      failures += 1;
      console.error("worker: pass failed", error);
    }
    // A full batch means more may be waiting: go again at once.
    if (summary && summary.claimed === BATCH) continue;
    const wait = failures ? Math.min(pause * 2 ** failures, 60_000) : pause;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await handle.close();
  console.log("worker: stopped");
}

main().catch((error) => {
  console.error("worker:", error instanceof Error ? error.message : error);
  process.exit(1);
});
