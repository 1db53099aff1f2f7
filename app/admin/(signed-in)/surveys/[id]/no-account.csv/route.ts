// GET /admin/surveys/ID/no-account.csv[?encoding=sjis]: the survey's insured persons without an
// account (for paper mail). Gate first; the survey is looked up within the admin's unions
// (another union's id, or signed out: 404); audited; streamed in keyset batches.
import { getDb } from "@/db";
import { csvEncodingOf, csvHeaders, csvStream } from "@/lib/admin/csv";
import { notFoundResponse } from "@/lib/admin/http";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { audit } from "@/lib/audit";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";
import { findSurvey, surveyIdParam } from "@/lib/survey/admin-surveys";
import { NO_ACCOUNT_HEADER, noAccountRows } from "@/lib/survey/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFoundResponse();
  const db = await getDb();
  const survey = await findSurvey(db, scope, surveyIdParam((await params).id));
  if (!survey) return notFoundResponse();
  const encoding = csvEncodingOf(new URL(request.url).searchParams.get("encoding"));
  const file = `survey-${survey.fiscalYear}-${survey.id}-no-account.csv`;
  await audit(db, systemClock, {
    event: "admin.exported",
    actorType: "admin",
    actorId: scope.admin.id,
    unionId: survey.unionId,
    target: "surveys/no-account.csv",
    ip: clientFrom(request.headers).ip,
    details: { file: "no-account.csv", surveyId: survey.id, encoding },
  });
  return new Response(csvStream(NO_ACCOUNT_HEADER, noAccountRows(db, survey.id), encoding), { headers: csvHeaders(file, encoding) });
}
