import { NextResponse, type NextRequest } from "next/server";
import { FORM_BODY_LIMIT } from "@/lib/http/body-limit";
import { contentSecurityPolicy, newNonce } from "@/lib/http/csp";

// Runs on every page and route (not on static assets): a CSP nonce and a request id for each
// request, no caching of anything personal, and a convenience redirect for signed-out visitors.
// The redirects are not a security boundary: every member and admin page, action and route checks
// its session itself (lib/auth/current-member.ts, lib/admin/require-admin.ts).
const MEMBER_COOKIES = ["__Host-fuyo.session", "fuyo.session"];
const ADMIN_COOKIES = ["__Host-fuyo.admin", "fuyo.admin"];
/** Member pages that need a session: the top page, the terms, settings and the survey. */
const MEMBER_PAGES = /^\/(terms|account|survey)(\/|$)/;

function signInRedirect(request: NextRequest): string | null {
  const { pathname } = request.nextUrl;
  const has = (names: string[]) => names.some((name) => request.cookies.has(name));
  if (/^\/admin(\/|\.|$)/.test(pathname)) {
    // The login page itself, and exports (route handlers that answer a signed-out request with 404).
    if (pathname === "/admin/login" || pathname.startsWith("/admin/login/") || pathname.endsWith(".csv")) return null;
    return has(ADMIN_COOKIES) ? null : "/admin/login";
  }
  if (pathname === "/" || MEMBER_PAGES.test(pathname)) return has(MEMBER_COOKIES) ? null : "/login";
  return null;
}

export function proxy(request: NextRequest) {
  if (request.method === "POST" && Number(request.headers.get("content-length") ?? 0) > FORM_BODY_LIMIT) {
    return new NextResponse("入力内容が大きすぎます。", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const redirectTo = signInRedirect(request);
  // scripts/server.ts assigns the id (and replaces any a client sent); next dev gets one here.
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[0-9a-f-]{36}$/.test(given) ? given : crypto.randomUUID();
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });

  const response = redirectTo
    ? NextResponse.redirect(new URL(redirectTo, request.url))
    : (() => {
        const forwarded = new Headers(request.headers);
        forwarded.set("content-security-policy", csp);
        forwarded.set("x-request-id", requestId);
        return NextResponse.next({ request: { headers: forwarded } });
      })();
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  // Pages and API answers carry personal data or per-visitor state: never stored by a browser or
  // a shared cache.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// The login form's route (/login/submit) answers only redirects and JSON, sets its own no-store and
// checks its body's size itself: a login is mostly argon2, and the proxy's pass cost a tenth of it.
// Upload routes stream bodies far larger than anything a proxy should buffer (Next copies the body
// for the proxy, up to 10 MB), so they are left out; they check their session themselves and send
// no HTML. So is the admin file route (/admin/files/ID): it answers signed-out requests with 404 and
// sets its own CSP (its PDFs are framed by the review page).
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|lean/|login/submit|icon.svg|favicon.ico|robots.txt|admin/roster/upload|admin/files/|survey/upload).*)" }],
};
