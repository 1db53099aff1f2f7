// Lean pages (lib/http/lean-html.ts, lean-response.ts): Next's runtime leaves only the pages that
// ask for it, our own script stays, a page still waiting for streamed content is left whole; and
// the response holder compresses, keeps headers, and turns a lean post's redirect into its address.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leanHtml } from "@/lib/http/lean-html";
import { LEAN_POST_HEADER } from "@/lib/http/lean-post";
import { holdMemberDocument, isMemberDocument } from "@/lib/http/lean-response";

const page = (head: string, body: string) =>
  `<!DOCTYPE html><html lang="ja"><head><meta charSet="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>${head}<script src="/_next/static/chunks/c.js" async="" nonce="n"></script></head><body>${body}<script nonce="n">(self.__next_f=self.__next_f||[]).push([0])</script><script nonce="n">self.__next_f.push([1,"x:\\u003c/script\\u003e"])</script></body></html>`;
const LEAN_HEAD = `<meta name="fuyo-lean" content="1"/>`;
const OURS = `<script src="/lean/forms.abc.js" defer="" nonce="n" data-lean=""></script>`;

describe("leanHtml", () => {
  it("takes Next's scripts and script preloads out of a page with the marker, and keeps ours and the stylesheet", () => {
    const out = leanHtml(page(LEAN_HEAD, `<main><form action="" method="POST"><input type="hidden" name="$ACTION_KEY" value="k"/></form>${OURS}</main>`));
    expect(out).not.toBeNull();
    expect(out).not.toMatch(/_next\/static\/chunks\/[bc]\.js/);
    expect(out).not.toContain("__next_f");
    expect(out).toContain(OURS);
    expect(out).toContain('href="/_next/static/chunks/a.css"');
    // The no-JavaScript form and its action fields are untouched.
    expect(out).toContain('name="$ACTION_KEY"');
  });

  it("leaves a page without the marker alone", () => {
    expect(leanHtml(page("", "<main>admin</main>"))).toBeNull();
  });

  it("leaves a page whole when a Suspense boundary still waits for content a script would reveal", () => {
    expect(leanHtml(page(LEAN_HEAD, `<!--$?--><template id="B:0"></template><p>…</p><!--/$--><div hidden id="S:0"><p>late</p></div>`))).toBeNull();
  });
});

describe("isMemberDocument", () => {
  const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as http.IncomingMessage;
  it("holds browsers' member pages and lean posts, never the admin area, files, assets or Next's own requests", () => {
    const html = { accept: "text/html,application/xhtml+xml" };
    expect(isMemberDocument(req("GET", "/login", html))).toBe(true);
    expect(isMemberDocument(req("POST", "/survey/dependents/3", html))).toBe(true);
    expect(isMemberDocument(req("POST", "/login", { accept: "*/*", [LEAN_POST_HEADER]: "1" }))).toBe(true);
    for (const url of ["/admin", "/admin/surveys/1", "/api/health", "/_next/static/x.js", "/lean/forms.js", "/survey/files/1", "/survey/upload", "/dev/mailbox"]) expect(isMemberDocument(req("GET", url, html)), url).toBe(false);
    expect(isMemberDocument(req("GET", "/survey", { ...html, rsc: "1" }))).toBe(false);
    expect(isMemberDocument(req("POST", "/login", { ...html, "next-action": "abc" }))).toBe(false);
    expect(isMemberDocument(req("GET", "/login", { accept: "application/json" }))).toBe(false);
    expect(isMemberDocument(req("PUT", "/login", html))).toBe(false);
  });
});

describe("holdMemberDocument", () => {
  let server: http.Server;
  let base: string;
  const big = "あ".repeat(2000);
  beforeAll(async () => {
    // A stand-in for Next's handler: writes its head with writeHead, its body in pieces.
    server = http.createServer((req, res) => {
      holdMemberDocument(req, res);
      if (req.url === "/redirect") {
        res.writeHead(303, { Location: "/survey", "Set-Cookie": "a=1; Path=/" });
        res.end();
        return;
      }
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", Vary: "rsc" });
      res.flushHeaders();
      const html = page(req.url === "/lean" ? LEAN_HEAD : "", `<main>${big}</main>${OURS}`);
      res.write(html.slice(0, 500));
      res.write(Buffer.from(html.slice(500)));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = (path: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });

  it("sends a lean page without Next's runtime, brotli-compressed, with its length and headers", async () => {
    const res = await get("/lean", { "accept-encoding": "gzip, br" });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("br");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.headers.vary).toBe("rsc, Accept-Encoding");
    const html = brotliDecompressSync(res.body).toString("utf8");
    expect(html).toContain(big);
    expect(html).toContain(OURS);
    expect(html).not.toContain("__next_f");
  });

  it("sends any other page whole, gzip when that is all the client takes, or plain", async () => {
    const gz = await get("/other", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString("utf8")).toContain("__next_f");
    const plain = await get("/other", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toContain(big);
  });

  it("answers a lean post's redirect with its address (and the cookie), a plain post with the redirect itself", async () => {
    const lean = await get("/redirect", { [LEAN_POST_HEADER]: "1" }, "POST");
    expect(lean.status).toBe(200);
    expect(lean.headers["set-cookie"]).toEqual(["a=1; Path=/"]);
    expect(lean.headers.location).toBeUndefined();
    expect(JSON.parse(lean.body.toString("utf8"))).toEqual({ redirect: "/survey" });
    const plain = await get("/redirect", {}, "POST");
    expect(plain.status).toBe(303);
    expect(plain.headers.location).toBe("/survey");
  });
});

describe("form flash", () => {
  it("carries a refused form's messages and echoed values, and reads anything else as no state", async () => {
    const { flashCookie, readFlash } = await import("@/lib/http/form-flash");
    const state = { formError: "ユーザーIDまたはパスワードが正しくありません。", fieldErrors: { userId: "ユーザーIDを入力してください。" }, values: { userId: "taro<b>" } };
    const cookie = flashCookie("f", "/login", state);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/login" });
    expect(readFlash(cookie.value)).toEqual(state);
    for (const bad of [undefined, "", "not base64 json", Buffer.from("[1,2]").toString("base64url"), Buffer.from('{"formError":5,"values":{"a":1}}').toString("base64url")]) {
      const read = readFlash(bad);
      expect(read.formError).toBeUndefined();
      expect(Object.values(read.values ?? {})).toEqual([]);
    }
  });
});
