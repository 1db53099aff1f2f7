// POST /survey/upload, below the route: fields (query or body: responseId?, dependentId, slot,
// back), the slot checked before a byte of the file is read, then saveUpload. The route maps the
// outcome to JSON (fetch/XHR) or to a 303 back to the page (plain form).
import { MAX_UPLOAD_BYTES } from "./limits";
import type { UploaderRef } from "./member-ref";
import { readMultipart } from "./multipart";
import type { UploadRefusal } from "./refusals";
import { saveUpload, type SaveDeps, type SavedFile } from "./save-upload";
import { findUploadTarget } from "./upload-target";

export interface UploadOutcome {
  result: { ok: true; file: SavedFile } | { ok: false; reason: UploadRefusal };
  slot: string;
  dependentId: number | null;
  back: string | null;
}

const intOrNull = (v: string | null | undefined) => (v && /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : null);

function slotFields(get: (name: string) => string | null | undefined) {
  const dep = get("dependentId");
  return {
    responseId: intOrNull(get("responseId")),
    // "" or "household": a household document (住民票 …).
    dependentId: !dep || dep === "household" ? null : (intOrNull(dep) ?? -1),
    slot: get("slot") ?? "",
    back: get("back") ?? null,
  };
}

export async function handleUploadRequest(deps: SaveDeps, who: UploaderRef, request: Request): Promise<UploadOutcome> {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.has("slot");
  const length = Number(request.headers.get("content-length") ?? "0");
  // Far past any allowed file (plus form overhead): refused before reading a byte.
  if (length > MAX_UPLOAD_BYTES * 2) {
    const f = slotFields((n) => url.searchParams.get(n));
    return { result: { ok: false, reason: "size" }, slot: f.slot, dependentId: f.dependentId, back: f.back };
  }
  let seen = slotFields((n) => url.searchParams.get(n));
  const outcome = await readMultipart(request.body, request.headers.get("content-type"), async (bodyFields, file) => {
    seen = fromQuery ? seen : slotFields((n) => bodyFields[n]);
    if (seen.dependentId === -1) return { ok: false as const, reason: "not_found" as const };
    const target = await findUploadTarget(deps.db, who, seen, deps.clock.now());
    if (!target.ok) return { ok: false as const, reason: target.reason };
    if (!file.fileName) {
      // A plain form submitted with no file chosen still sends an empty, nameless part.
      file.stream.resume();
      return { ok: false as const, reason: "missing" as const };
    }
    return saveUpload(deps, who, target.target, { body: file.stream, fileName: file.fileName });
  });
  if (!fromQuery) seen = slotFields((n) => outcome.fields[n]);
  const base = { slot: seen.slot, dependentId: seen.dependentId === -1 ? null : seen.dependentId, back: seen.back };
  if (!outcome.ok) {
    // A body cut off mid-way: too big for the proxy in front (it truncates), or a dropped connection.
    return { ...base, result: { ok: false, reason: length > MAX_UPLOAD_BYTES ? "size" : "retry" } };
  }
  return { ...base, result: outcome.result ?? { ok: false, reason: "missing" } };
}
