// GET /admin/surveys.csv?survey=ID[&encoding=sjis]: one row per target dependent of one survey.
// Gate first; the survey is looked up within the admin's unions (another union's id: 404); audited.
import { getDb } from "@/db";
import { csvEncodingOf, csvHeaders, csvStream } from "@/lib/admin/csv";
import { notFoundResponse } from "@/lib/admin/http";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { audit } from "@/lib/audit";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";
import { findSurvey, surveyIdParam } from "@/lib/survey/admin-surveys";
import { SURVEY_HEADER, surveyRows } from "@/lib/survey/export";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFoundResponse();
  const url = new URL(request.url);
  const db = await getDb();
  const survey = await findSurvey(db, scope, surveyIdParam(url.searchParams.get("survey")));
  if (!survey) return notFoundResponse();
  const encoding = csvEncodingOf(url.searchParams.get("encoding"));
  const file = `survey-${survey.fiscalYear}-${survey.id}.csv`;
  await audit(db, systemClock, {
    event: "admin.exported",
    actorType: "admin",
    actorId: scope.admin.id,
    unionId: survey.unionId,
    target: "surveys.csv",
    ip: clientFrom(request.headers).ip,
    details: { file: "surveys.csv", surveyId: survey.id, encoding },
  });
  return new Response(csvStream(SURVEY_HEADER, surveyRows(db, survey.id), encoding), { headers: csvHeaders(file, encoding) });
}
