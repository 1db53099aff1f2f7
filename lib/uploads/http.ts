// The answers of the upload and file routes: JSON for scripts, a 303 back for plain forms.
import { backUrl } from "./flash";
import { REFUSAL_MESSAGES, type UploadRefusal } from "./refusals";

export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json");
}

const STATUS: Record<UploadRefusal, number> = { missing: 400, type: 415, size: 413, empty: 400, pixels: 422, unreadable: 422, encrypted: 422, retry: 503, locked: 409, not_found: 404 };

export function refusalResponse(request: Request, reason: UploadRefusal, back: { back: string | null; slot: string; dependentId: number | null }): Response {
  if (wantsJson(request)) return Response.json({ ok: false, reason, message: REFUSAL_MESSAGES[reason] }, { status: STATUS[reason], headers: { "cache-control": "no-store" } });
  // A slot or file that is not this member's is a plain 404 (no hint that it exists).
  if (reason === "not_found") return new Response("見つかりません。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  return seeOther(request, backUrl(back.back ?? "", { ...back, result: reason }));
}

export function seeOther(request: Request, path: string): Response {
  const to = new URL(path, request.url);
  return new Response(null, { status: 303, headers: { location: to.pathname + to.search + to.hash, "cache-control": "no-store" } });
}

export const SIGNED_OUT_MESSAGE = "ログインの有効期限が切れました。もう一度ログインしてください。";
