// The login form's action, a plain form post (lib/auth/login-form.ts). Under `npm start`,
// scripts/server.ts answers url-encoded posts here before Next's router (lib/http/fast-login.ts);
// this route answers the rest (other encodings, `next dev`, a server that is not ours).
import { answerLoginPost, refuseLoginPost, tooLarge, type PostAnswer } from "@/lib/auth/login-form";
import { FORM_BODY_LIMIT } from "@/lib/http/body-limit";

export async function POST(request: Request): Promise<Response> {
  const refused = refuseLoginPost(request.headers);
  if (refused) return toResponse(refused);
  const form = await readForm(request);
  return toResponse(form ? await answerLoginPost(request.headers, form) : tooLarge());
}

/**
 * The posted form, or null past the limit: a body sent without its length is counted as it comes.
 * The rest of a body past the limit is read and dropped (cancelling the stream would drop the
 * connection before the 413 is sent).
 */
async function readForm(request: Request): Promise<FormData | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body) {
      size += chunk.byteLength;
      if (size <= FORM_BODY_LIMIT) chunks.push(chunk);
    }
  }
  if (size > FORM_BODY_LIMIT) return null;
  // A body that is not a form reads as an empty one (and gets the form's messages).
  return new Response(Buffer.concat(chunks), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData().catch(() => new FormData());
}

function toResponse(answer: PostAnswer): Response {
  const headers = new Headers(answer.headers);
  for (const line of answer.setCookies) headers.append("set-cookie", line);
  return new Response(answer.status === 303 ? null : answer.body, { status: answer.status, headers });
}
