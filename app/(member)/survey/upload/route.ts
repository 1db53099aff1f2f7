// POST /survey/upload: one file into one document slot (multipart, streamed; never a server action).
import { getDb } from "@/db";
import { memberFromRequest } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";
import { getStorage } from "@/lib/storage";
import { backUrl } from "@/lib/uploads/flash";
import { refusalResponse, seeOther, SIGNED_OUT_MESSAGE, wantsJson } from "@/lib/uploads/http";
import { sameOrigin } from "@/lib/uploads/same-origin";
import { handleUploadRequest } from "@/lib/uploads/upload-request";

export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request.headers)) return new Response(null, { status: 403 });
  const member = await memberFromRequest();
  if (!member) {
    if (wantsJson(request)) return Response.json({ ok: false, reason: "signed_out", message: SIGNED_OUT_MESSAGE }, { status: 401 });
    return seeOther(request, "/login");
  }
  const who = { memberId: member.member.id, unionId: member.member.unionId, insuredEntryId: member.member.rosterEntryId };
  const { ip } = clientFrom(request.headers);
  const outcome = await handleUploadRequest({ db: await getDb(), clock: systemClock, storage: getStorage(), ip }, who, request);
  if (!outcome.result.ok) return refusalResponse(request, outcome.result.reason, outcome);
  const { file } = outcome.result;
  if (wantsJson(request)) {
    return Response.json({ ok: true, file: { id: file.id, name: file.name, contentType: file.contentType, size: file.size, pages: file.pages ?? undefined } }, { headers: { "cache-control": "no-store" } });
  }
  return seeOther(request, backUrl(outcome.back ?? "", { slot: outcome.slot, dependentId: outcome.dependentId, result: "ok" }));
}
