// scripts/server.ts's side of lean pages: a member page's HTML is held until Next has finished it,
// passed through leanHtml(), then compressed here (Next is told the client takes no compression,
// so that the HTML it writes can be read). Member pages are small and rendered in one piece, so
// holding them costs no streaming.
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { leanHtml } from "./lean-html";
import { LEAN_POST_HEADER, type LeanRedirect } from "./lean-post";

/** Paths whose HTML answers are never lean: the admin area, APIs, files, Next's and our assets. */
const NOT_MEMBER_PAGES = /^\/(?:admin|api|dev|_next|lean)(?:[/.?]|$)|^\/survey\/(?:upload|files)(?:[/?]|$)/;

/** A browser asking for a member page (or posting one of its forms without JavaScript). */
export function isMemberDocument(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "POST") return false;
  if (NOT_MEMBER_PAGES.test(req.url ?? "/")) return false;
  // Requests from Next's runtime (client navigation, server-action calls) are not documents.
  if (req.headers.rsc || req.headers["next-action"]) return false;
  if (req.method === "POST" && req.headers[LEAN_POST_HEADER]) return true;
  return String(req.headers.accept ?? "").includes("text/html");
}

function preferredEncoding(accept: string | undefined): "br" | "gzip" | null {
  const offered = (accept ?? "").toLowerCase().split(",").map((part) => part.trim().split(";")[0]);
  if (offered.includes("br")) return "br";
  if (offered.includes("gzip")) return "gzip";
  return null;
}

type Chunk = string | Uint8Array;
const toBuffer = (chunk: Chunk, encoding?: BufferEncoding) => (typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk));

/** Takes over `res` for one member document: call before Next's handler sees the request. */
export function holdMemberDocument(req: IncomingMessage, res: ServerResponse): void {
  const encoding = preferredEncoding(req.headers["accept-encoding"] as string | undefined);
  delete req.headers["accept-encoding"];
  const chunks: Buffer[] = [];
  const end = res.end.bind(res) as (chunk: Buffer, callback?: () => void) => ServerResponse;
  const writeHead = res.writeHead;

  // Headers stay open until the body is known: writeHead() only records them.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null) as Record<string, string | string[]> | string[] | undefined;
    if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    return res;
  }) as ServerResponse["writeHead"];
  res.flushHeaders = () => {};
  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    chunks.push(toBuffer(chunk, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : undefined));
    const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as ServerResponse["write"];
  res.end = ((...args: unknown[]) => {
    const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    const chunk = args[0];
    if (typeof chunk === "string" || chunk instanceof Uint8Array) chunks.push(toBuffer(chunk, typeof args[1] === "string" ? (args[1] as BufferEncoding) : undefined));
    let body = Buffer.concat(chunks);
    const location = res.getHeader("location");
    if (req.headers[LEAN_POST_HEADER] && res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
      // A lean form's post (lib/lean/submit.ts) ended in a redirect: say where, for the page to go.
      res.statusCode = 200;
      res.removeHeader("location");
      res.setHeader("Content-Type", "application/json");
      body = Buffer.from(JSON.stringify({ redirect: location } satisfies LeanRedirect));
    }
    const type = String(res.getHeader("content-type") ?? "");
    if (type.startsWith("text/html")) {
      const lean = leanHtml(body.toString("utf8"));
      if (lean !== null) body = Buffer.from(lean, "utf8");
    }
    if (encoding && body.length > 1024 && !res.getHeader("content-encoding") && /^(text\/|application\/(json|javascript))/.test(type)) {
      body = encoding === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body);
      res.setHeader("Content-Encoding", encoding);
    }
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    res.removeHeader("transfer-encoding");
    if (req.method !== "HEAD" && res.statusCode !== 204 && res.statusCode !== 304) res.setHeader("Content-Length", body.length);
    // Node's end() writes the head through writeHead(): the real one again.
    res.writeHead = writeHead;
    return end(body, callback);
  }) as ServerResponse["end"];
}
