// How long uploaded documents are kept (issue 10): each union sets a number of days after a
// survey ends (unions.document_retention_days, /admin/settings); a purge run, driven by
// /api/cron/retention or `npm run worker`, then deletes the stored bytes of every file of
// surveys closed longer than that and keeps the row as a tombstone (lib/uploads/delete-file.ts).
// Files are claimed in batches with FOR UPDATE SKIP LOCKED, so runs in parallel or one after the
// other never handle a file twice; each batch is audited per union with its counts.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { unions } from "@/db/schema";
import type { Storage } from "@/lib/storage/types";
import { removeBytes, tombstone } from "@/lib/uploads/delete-file";
import type { AdminScope } from "../admin/scope";
import { audit } from "../audit";
import type { Clock } from "../clock";

export const RETENTION_DEFAULT_DAYS = 365;
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
export const PURGE_REASON = "retention";

const BATCH = 200;

const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : (((result as { rows?: T[] }).rows ?? []) as T[]));

/** The typed number of days, or a Japanese message for the field. */
export function parseRetentionDays(value: unknown): { ok: true; days: number } | { ok: false; message: string } {
  const text = String(value ?? "")
    .normalize("NFKC")
    .trim()
    .replaceAll(",", "");
  const message = `${RETENTION_MIN_DAYS}〜${RETENTION_MAX_DAYS} の日数を半角数字で入力してください`;
  if (!/^\d{1,5}$/.test(text)) return { ok: false, message };
  const days = Number(text);
  return days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS ? { ok: true, days } : { ok: false, message };
}

export async function setRetentionDays(db: Db, clock: Clock, scope: AdminScope, unionId: number, days: number, ip?: string | null): Promise<{ ok: true; changed: boolean } | { ok: false; reason: "not_found" }> {
  if (!scope.unionIds.includes(unionId) || !Number.isInteger(days) || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ days: unions.documentRetentionDays }).from(unions).where(eq(unions.id, unionId)).for("update");
    if (!before) return { ok: false as const, reason: "not_found" as const };
    if (before.days === days) return { ok: true as const, changed: false };
    await tx.update(unions).set({ documentRetentionDays: days }).where(eq(unions.id, unionId));
    await audit(tx, clock, { event: "admin.settings_updated", actorType: "admin", actorId: scope.admin.id, unionId, target: `union:${unionId}`, ip, details: { before: { documentRetentionDays: before.days }, after: { documentRetentionDays: days } } });
    return { ok: true as const, changed: true };
  });
}

export interface PurgeSummary {
  files: number;
  batches: number;
}

/**
 * Purges the files whose every survey link is to a survey closed more than the union's retention
 * days ago. Bytes are removed after the tombstones commit (a storage failure is logged and leaves
 * only unreachable bytes).
 */
export async function purgeExpiredDocuments(deps: { db: Db; clock: Clock; storage: Storage }, opts: { maxBatches?: number } = {}): Promise<PurgeSummary> {
  const { db, clock, storage } = deps;
  const summary: PurgeSummary = { files: 0, batches: 0 };
  for (let b = 0; b < (opts.maxBatches ?? 1000); b++) {
    const claimed = await db.transaction(async (tx) => {
      const now = clock.now().toISOString();
      const batch = rows<{ id: number; storage_key: string; union_id: number; survey_id: number }>(
        await tx.execute(sql`
          select f.id, f.storage_key, f.union_id,
            (select min(r.survey_id) from survey_files sf join survey_responses r on r.id = sf.response_id where sf.file_id = f.id) as survey_id
          from files f
          where f.deleted_at is null
            and exists (select 1 from survey_files sf where sf.file_id = f.id)
            and not exists (
              select 1 from survey_files sf
              join survey_responses r on r.id = sf.response_id
              join surveys s on s.id = r.survey_id
              join unions u on u.id = s.union_id
              where sf.file_id = f.id
                and (s.status <> 'closed' or s.closes_at + u.document_retention_days * interval '1 day' > ${now}::timestamptz))
          order by f.id
          limit ${BATCH}
          for update of f skip locked`),
      );
      for (const f of batch) await tombstone(tx, clock, Number(f.id), { reason: PURGE_REASON });
      const byUnion = new Map<number, { ids: number[]; surveys: Set<number> }>();
      for (const f of batch) {
        const u = byUnion.get(Number(f.union_id)) ?? { ids: [], surveys: new Set<number>() };
        u.ids.push(Number(f.id));
        u.surveys.add(Number(f.survey_id));
        byUnion.set(Number(f.union_id), u);
      }
      for (const [unionId, u] of byUnion) {
        await audit(tx, clock, { event: "survey.files_purged", actorType: "system", unionId, target: `union:${unionId}`, details: { reason: PURGE_REASON, files: u.ids.length, fileIds: u.ids, surveyIds: [...u.surveys].sort((x, y) => x - y) } });
      }
      return batch;
    });
    if (!claimed.length) break;
    for (const f of claimed) await removeBytes(storage, f.storage_key);
    summary.files += claimed.length;
    summary.batches += 1;
    if (claimed.length < BATCH) break;
  }
  return summary;
}
