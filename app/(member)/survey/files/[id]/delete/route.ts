// POST /survey/files/ID/delete: the member deletes one of their files (bytes and slot link; the
// row stays as a tombstone). Another member's id: 404, nothing changes.
import { getDb } from "@/db";
import { memberFromRequest } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";
import { getStorage } from "@/lib/storage";
import { deleteMemberFile } from "@/lib/uploads/delete-file";
import { backUrl } from "@/lib/uploads/flash";
import { refusalResponse, seeOther, SIGNED_OUT_MESSAGE, wantsJson } from "@/lib/uploads/http";
import { sameOrigin } from "@/lib/uploads/same-origin";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!sameOrigin(request.headers)) return new Response(null, { status: 403 });
  const { id } = await params;
  const member = await memberFromRequest();
  if (!member) {
    if (wantsJson(request)) return Response.json({ ok: false, reason: "signed_out", message: SIGNED_OUT_MESSAGE }, { status: 401 });
    return seeOther(request, "/login");
  }
  const url = new URL(request.url);
  const dep = url.searchParams.get("dependentId");
  const back = { back: url.searchParams.get("back"), slot: url.searchParams.get("slot") ?? "", dependentId: dep && /^\d+$/.test(dep) ? Number(dep) : null };
  const who = { memberId: member.member.id, unionId: member.member.unionId, insuredEntryId: member.member.rosterEntryId };
  const fileId = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : 0;
  const result = await deleteMemberFile({ db: await getDb(), clock: systemClock, storage: getStorage(), ip: clientFrom(request.headers).ip }, who, fileId);
  if (!result.ok) return refusalResponse(request, result.reason, back);
  if (wantsJson(request)) return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  return seeOther(request, backUrl(back.back ?? "", { ...back, result: "deleted" }));
}
