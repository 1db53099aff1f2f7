// The login form's post has two doors: scripts/server.ts answers a url-encoded post itself
// (lib/http/fast-login.ts), Next's /login/submit route any other encoding. Both must give the same
// answers, headers and cookies, and refuse the same posts.
import http from "node:http";
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { LEAN_POST_HEADER } from "../../../lib/http/lean-post";
import { MESSAGES } from "../../../lib/errors";
import { expect, randomClientIp, signUp, test } from "../fixtures";

const ENCODINGS = ["form", "multipart"] as const;
type Encoding = (typeof ENCODINGS)[number];

/** Headers that differ by nature between any two answers. */
const INCIDENTAL = new Set(["date", "content-length", "connection", "keep-alive", "transfer-encoding", "set-cookie", "vary"]);

function post(api: APIRequestContext, encoding: Encoding, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<APIResponse> {
  return api.post("/login/submit", { [encoding]: fields, headers, maxRedirects: 0 });
}

function cookieLines(response: APIResponse): string[] {
  return response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
}

test("a url-encoded post and a multipart post get the same answers, headers and cookies", async ({ page, request, baseURL }) => {
  const member = await signUp(page, request);
  const answers: Record<Encoding, { headers: string[]; refused: string[]; accepted: string[] }> = {} as never;
  for (const encoding of ENCODINGS) {
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
    // Refused: back to the form, which shows why (carried in a flash cookie).
    const refused = await post(api, encoding, { userId: member.userId, password: `${member.password}x` }, { origin: baseURL! });
    expect(refused.status(), encoding).toBe(303);
    expect(refused.headers().location, encoding).toBe("/login");
    expect(await (await api.get("/login")).text(), encoding).toContain(MESSAGES.loginInvalid);

    // Accepted: to the top page with the session cookie, the flash cookie cleared; the session is
    // live (the top page sends this not-yet-consented member on to the terms, not back to log in).
    const accepted = await post(api, encoding, { userId: member.userId, password: member.password });
    expect(accepted.status(), encoding).toBe(303);
    expect(accepted.headers().location, encoding).toBe("/");
    const top = await api.get("/", { maxRedirects: 0 });
    expect(top.headers().location, encoding).toMatch(/\/terms$/);

    const names = Object.keys(accepted.headers()).filter((name) => !INCIDENTAL.has(name));
    answers[encoding] = { headers: names.sort(), refused: cookieLines(refused).map(shape), accepted: cookieLines(accepted).map(shape) };
    for (const response of [refused, accepted]) {
      const h = response.headers();
      expect(h["x-frame-options"], encoding).toBe("DENY");
      expect(h["x-content-type-options"], encoding).toBe("nosniff");
      expect(h["referrer-policy"], encoding).toBe("same-origin");
      expect(h["strict-transport-security"], encoding).toBe("max-age=31536000; includeSubDomains");
      expect(h["cache-control"], encoding).toBe("no-store");
    }
    expect(answers[encoding].accepted, encoding).toEqual([
      expect.stringMatching(/^__Host-fuyo\.session=<value>; Path=\/; Expires=<date>; HttpOnly; Secure; SameSite=Lax$/i),
      expect.stringMatching(/^fuyo\.login-flash=; Path=\/login; Expires=Thu, 01 Jan 1970 00:00:00 GMT/i),
    ]);
    await api.dispose();
  }
  expect(answers.form).toEqual(answers.multipart);
});

/** A Set-Cookie line with its value and date left out, to compare the rest. */
function shape(line: string): string {
  return line
    .replace(/^([^=]+)=[^;]+/, "$1=<value>")
    .replace(/Expires=(?!Thu, 01 Jan 1970)[^;]+/i, "Expires=<date>")
    .replace(/Max-Age=\d+/i, "Max-Age=<n>");
}

test("the lean page's post gets JSON in either encoding: where to go, or the form's messages", async ({ page, request, baseURL }) => {
  const member = await signUp(page, request);
  for (const encoding of ENCODINGS) {
    const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp(), [LEAN_POST_HEADER]: "1" } });
    const refused = await post(api, encoding, { userId: member.userId, password: "" });
    expect(refused.status(), encoding).toBe(200);
    expect(refused.headers()["content-type"], encoding).toMatch(/^application\/json/);
    expect(await refused.json(), encoding).toEqual({ state: { formError: "入力内容を確認してください。", fieldErrors: { password: "パスワードを入力してください。" }, values: { userId: member.userId } } });
    const accepted = await post(api, encoding, { userId: member.userId, password: member.password });
    expect(await accepted.json(), encoding).toEqual({ redirect: "/" });
    expect(cookieLines(accepted).some((line) => line.startsWith("__Host-fuyo.session=")), encoding).toBe(true);
    await api.dispose();
  }
});

test("another site's post (403) and a body over 1 MB (413) are refused in either encoding, with or without a length", async ({ baseURL }) => {
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  for (const encoding of ENCODINGS) {
    const crossSite = await post(api, encoding, { userId: "someone", password: "whatever-1!" }, { origin: "https://attacker.example" });
    expect(crossSite.status(), encoding).toBe(403);
    expect(await crossSite.text(), encoding).toBe("このページからは送信できません。");
    const huge = await post(api, encoding, { userId: "someone", password: "p".repeat(1024 * 1024 + 10) });
    expect(huge.status(), encoding).toBe(413);
    expect(await huge.text(), encoding).toBe("入力内容が大きすぎます。");
  }
  await api.dispose();
  // Sent in chunks without a Content-Length, the body is counted as it arrives.
  const boundary = "----chunked";
  const bodies = {
    "application/x-www-form-urlencoded": `userId=someone&password=${"p".repeat(1024 * 1024 + 10)}`,
    [`multipart/form-data; boundary=${boundary}`]: `--${boundary}\r\nContent-Disposition: form-data; name="userId"\r\n\r\nsomeone\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\n${"p".repeat(1024 * 1024 + 10)}\r\n--${boundary}--\r\n`,
  };
  for (const [type, body] of Object.entries(bodies)) expect(await chunkedPost(`${baseURL}/login/submit`, type, body), type).toBe(413);
});

/** POSTs `body` in 64 KB chunks (Transfer-Encoding: chunked); resolves with the status. */
function chunkedPost(url: string, type: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(url, { method: "POST", headers: { "content-type": type, "x-forwarded-for": randomClientIp() } }, (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => answered || reject(error));
    for (let i = 0; i < body.length; i += 65_536) req.write(body.slice(i, i + 65_536));
    req.end();
  });
}
