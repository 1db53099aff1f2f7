// The shared body of the two CSV export routes: gate first, union from `?union=` (within scope),
// an audit record of who exported what, then the stream.
import "server-only";
import { getDb } from "@/db";
import type { Db } from "@/db/connect";
import { audit } from "../audit";
import { systemClock } from "../clock";
import { clientFrom } from "../request";
import { csvEncodingOf, csvHeaders, csvStream } from "./csv";
import { notFoundResponse } from "./http";
import { adminScopeFromRequest } from "./require-admin";
import type { AdminScope } from "./scope";
import { unionInScope } from "./scope-params";

export async function exportCsv(
  request: Request,
  file: string,
  header: readonly string[],
  rows: (db: Db, scope: AdminScope, unionIds: number[], all: boolean) => AsyncGenerator<unknown[][]>,
): Promise<Response> {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFoundResponse();
  const url = new URL(request.url);
  const requested = url.searchParams.get("union");
  let unionIds = scope.unionIds;
  if (requested !== null && requested !== "") {
    const id = unionInScope(scope, requested);
    if (id === null) return notFoundResponse();
    unionIds = [id];
  }
  const encoding = csvEncodingOf(url.searchParams.get("encoding"));
  const db = await getDb();
  await audit(db, systemClock, {
    event: "admin.exported",
    actorType: "admin",
    actorId: scope.admin.id,
    unionId: unionIds.length === 1 ? unionIds[0] : null,
    target: file,
    ip: clientFrom(request.headers).ip,
    details: { file, encoding, unionIds },
  });
  const all = unionIds === scope.unionIds;
  return new Response(csvStream(header, rows(db, scope, unionIds, all), encoding), { headers: csvHeaders(file, encoding) });
}
