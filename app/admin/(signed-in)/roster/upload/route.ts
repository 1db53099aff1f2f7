// POST /admin/roster/upload?union=ID: the roster file, streamed to a temp file, then checked.
// The page's script sends the raw file (XMLHttpRequest, for upload progress) and reads progress
// lines; without JavaScript the form posts multipart/form-data and gets redirected to the result.
import { getDb } from "@/db";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { notFoundResponse, progressResponse, sameOrigin, seeOther, wantsProgress } from "@/lib/admin/http";
import { boundaryOf, readMultipart } from "@/lib/admin/multipart";
import { checkUpload, limitedBody, stageUpload, UploadTooLarge, writeBody } from "@/lib/admin/roster-uploads";
import { rosterPageUrl } from "@/lib/admin/roster-url";
import { selectedUnion } from "@/lib/admin/scope-params";
import { systemClock } from "@/lib/clock";

export const dynamic = "force-dynamic";

/** The page's script sends the file name URI-encoded (headers are Latin-1). */
function headerFileName(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export async function POST(request: Request) {
  const scope = await adminScopeFromRequest();
  if (!scope) return notFoundResponse();
  if (!sameOrigin(request)) return new Response("forbidden", { status: 403 });
  const url = new URL(request.url);
  const unionId = selectedUnion(scope, url.searchParams.get("union") ?? undefined);
  if (unionId === null || !request.body) return notFoundResponse();
  const progress = wantsProgress(request);
  const body = request.body;
  const boundary = boundaryOf(request.headers.get("content-type"));
  const db = await getDb();

  let staged;
  try {
    staged = await stageUpload(db, systemClock, scope, {
      unionId,
      write: async (file) => {
        if (boundary) {
          const sent = await readMultipart(limitedBody(body), boundary, "file", file);
          return { fileName: sent.fileName, replace: sent.fields.replace === "1" };
        }
        await writeBody(body, file);
        return { fileName: headerFileName(request.headers.get("x-file-name")), replace: url.searchParams.get("replace") === "1" };
      },
    });
  } catch (error) {
    const reason = error instanceof UploadTooLarge ? "too_large" : "upload_failed";
    if (!(error instanceof UploadTooLarge)) console.error("roster upload failed", error);
    return progress ? Response.json({ done: true, error: reason }, { status: 400 }) : seeOther(rosterPageUrl(unionId, { error: reason }));
  }
  if (staged === null) return notFoundResponse();
  if (staged === "no_file") {
    return progress ? Response.json({ done: true, error: "no_file" }, { status: 400 }) : seeOther(rosterPageUrl(unionId, { error: "no_file" }));
  }
  const id = staged.id;
  const done = { url: rosterPageUrl(unionId, { upload: id }) };
  if (progress) {
    return progressResponse(async (send) => {
      await checkUpload(db, systemClock, scope, id, send);
      return done;
    });
  }
  await checkUpload(db, systemClock, scope, id);
  return seeOther(done.url);
}
