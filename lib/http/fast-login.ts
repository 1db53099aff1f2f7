// The login form's url-encoded post (what a browser sends without JavaScript, and what the lean
// page's script sends too), answered by scripts/server.ts before Next's router: the same rules and
// answer as the /login/submit route (lib/auth/login-form.ts), without the request objects, routing
// and response machinery that cost a login as much CPU as its argon2 verify.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { answerLoginPost, refuseLoginPost, tooLarge, type HeaderSource, type PostAnswer } from "@/lib/auth/login-form";
import { errorFields, log } from "@/lib/log";
import { FORM_BODY_LIMIT } from "./body-limit";
import { registerFastRoute } from "./fast-routes";
import { securityHeaders } from "./security-headers";

const PATH = "/login/submit";
/** NODE_ENV is fixed for the process: the list is made once, not per login. */
const SECURITY_HEADERS = securityHeaders();
const FORM = "application/x-www-form-urlencoded";

function accepts(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  if (url !== PATH && !url.startsWith(`${PATH}?`)) return false;
  // Other encodings (a multipart post) go to the route, which reads any form.
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase() === FORM;
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const headers = headerSource(req.headers);
    const refused = refuseLoginPost(headers);
    if (refused) return send(res, refused);
    const body = await readBody(req, FORM_BODY_LIMIT);
    if (body === null) return send(res, tooLarge());
    const form = new FormData();
    for (const [name, value] of new URLSearchParams(body)) form.append(name, value);
    send(res, await answerLoginPost(headers, form));
  } catch (error) {
    // The body stream failed (the client went away); nothing was written for this post.
    log.warn(errorFields(error), "login post: request failed");
    if (!res.headersSent) send(res, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, setCookies: [], body: "送信に失敗しました。もう一度お試しください。" });
  }
}

function headerSource(headers: IncomingHttpHeaders): HeaderSource {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * The body as text, or null once it passes `limit` bytes. Not read with `for await`: leaving that
 * loop early destroys the request, and its socket with it, before the 413 is sent. Node discards
 * the rest of a body the answer did not wait for.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData).off("end", onEnd).off("error", reject).off("close", onClose);
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    // A client that goes away mid-body ends the wait (after "end", this settles nothing).
    const onClose = () => reject(new Error("the request closed before its body ended"));
    req.on("data", onData).once("end", onEnd).once("error", reject).once("close", onClose);
  });
}

function send(res: ServerResponse, answer: PostAnswer): void {
  res.statusCode = answer.status;
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (answer.setCookies.length > 0) res.setHeader("set-cookie", answer.setCookies);
  res.setHeader("content-length", Buffer.byteLength(answer.body));
  res.end(answer.body);
}

export function registerFastLogin(): void {
  registerFastRoute({ accepts, answer });
}
