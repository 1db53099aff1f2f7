// The dashboard's survey panel: the newest opened surveys of the unions on screen, each with its
// progress counts (the same counts as the survey's own progress page).
import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { surveys, unions } from "@/db/schema";
import { inScope, type AdminScope } from "@/lib/admin/scope";
import { inUnions } from "@/lib/admin/scope-params";
import { progressCounts, type ProgressCounts } from "./progress";

export const DASHBOARD_SURVEYS = 10;

export interface DashboardSurvey {
  id: number;
  unionName: string;
  title: string;
  status: string;
  opensOn: string;
  closesOn: string;
  counts: ProgressCounts;
}

export async function dashboardSurveys(db: DbOrTx, scope: AdminScope, unionIds: readonly number[]): Promise<DashboardSurvey[]> {
  const rows = await db
    .select({ id: surveys.id, unionName: unions.name, title: surveys.title, status: surveys.status, opensOn: surveys.opensOn, closesOn: surveys.closesOn })
    .from(surveys)
    .innerJoin(unions, eq(unions.id, surveys.unionId))
    .where(and(inScope(scope, surveys.unionId), inUnions(surveys.unionId, unionIds), ne(surveys.status, "draft")))
    .orderBy(desc(surveys.opensAt), desc(surveys.id))
    .limit(DASHBOARD_SURVEYS);
  return Promise.all(rows.map(async (r) => ({ ...r, counts: await progressCounts(db, r.id) })));
}
