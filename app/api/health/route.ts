import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/connect";
import { errorFields, log } from "@/lib/log";

export const dynamic = "force-dynamic";

const HEADERS = { "Cache-Control": "no-store" };
const TIMEOUT_MS = 2_000;

/**
 * 200 `{"status":"ok", …}` when the database answers, 503 otherwise (load balancers and the e2e
 * harness poll this). Also how long the database took, and how far behind the mail outbox is.
 */
export async function GET() {
  const started = performance.now();
  try {
    const db = await getDb();
    const probe = db.execute(sql`
      select count(*)::int as backlog,
             coalesce(extract(epoch from (now() - min(created_at))), 0)::float8 as oldest_seconds
        from email_outbox where status in ('pending', 'sending')`);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("database did not answer in time")), TIMEOUT_MS).unref());
    const [row] = rowsOf<{ backlog: number; oldest_seconds: number }>(await Promise.race([probe, timeout]));
    return Response.json(
      {
        status: "ok",
        database: { latencyMs: Math.round((performance.now() - started) * 10) / 10 },
        outbox: { backlog: Number(row.backlog), oldestUnsentSeconds: Math.round(Number(row.oldest_seconds)) },
      },
      { headers: HEADERS },
    );
  } catch (error) {
    log.warn(errorFields(error), "health: database unavailable");
    return Response.json({ status: "unavailable" }, { status: 503, headers: HEADERS });
  }
}
