// GET /admin/files/ID: a member's uploaded file for the union's review page (an <img>, or a PDF in
// an <iframe>). The admin gate first, then the file only within the admin's unions: another union's
// file, a deleted one, a bad id or no admin session are all the same 404.
//
// proxy.ts leaves this path alone (like the upload routes), so the answer sets its own headers: a
// signed-out request gets 404 rather than a redirect, and the CSP here is the file's own. It allows
// framing by our own pages only (`frame-ancestors 'self'`), which the review page's PDF viewer
// needs; every page keeps `frame-ancestors 'none'`. No script, style or form can run in it.
import { getDb } from "@/db";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { audit } from "@/lib/audit";
import { systemClock } from "@/lib/clock";
import { clientFrom } from "@/lib/request";
import { getStorage } from "@/lib/storage";
import { fileResponse, openFile } from "@/lib/uploads/read-file";

const FILE_CSP = "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

const notFound = () =>
  new Response("見つかりません。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", "x-content-type-options": "nosniff", "content-security-policy": FILE_CSP } });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFound();
  const { id } = await params;
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return notFound();
  const db = await getDb();
  const opened = await openFile(db, getStorage(), { adminUnionIds: scope.unionIds }, Number(id));
  if (!opened) return notFound();
  const { file } = opened;
  // A member's documents are personal data: who looked at which, and when, is on record.
  await audit(db, systemClock, { event: "admin.file_viewed", actorType: "admin", actorId: scope.admin.id, unionId: file.unionId, target: `file:${file.id}`, ip: clientFrom(request.headers).ip, details: { ownerMemberId: file.ownerMemberId } });
  return fileResponse(opened, { "content-security-policy": FILE_CSP, "x-frame-options": "SAMEORIGIN", "cross-origin-resource-policy": "same-origin" });
}
