// POST /admin/roster/import (form field `upload`): 取り込む. Imports a checked upload of the
// admin's union all or nothing; progress lines for the page's script, a redirect otherwise.
import { getDb } from "@/db";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { notFoundResponse, progressResponse, sameOrigin, seeOther, wantsProgress } from "@/lib/admin/http";
import { applyUpload, getUpload } from "@/lib/admin/roster-uploads";
import { rosterPageUrl } from "@/lib/admin/roster-url";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFoundResponse();
  if (!sameOrigin(request)) return new Response("forbidden", { status: 403 });
  const form = await request.formData().catch(() => null);
  const id = String(form?.get("upload") ?? "");
  const db = await getDb();
  // Found only inside the admin's unions: another union's upload id is simply not found.
  const upload = await getUpload(db, scope, id);
  if (!upload) return notFoundResponse();
  const { ip } = clientFrom(request.headers);
  const done = { url: rosterPageUrl(upload.unionId, { upload: upload.id }) };
  if (wantsProgress(request)) {
    return progressResponse(async (send) => {
      await applyUpload(db, systemClock, scope, id, { ip }, send);
      return done;
    });
  }
  await applyUpload(db, systemClock, scope, id, { ip });
  return seeOther(done.url);
}
