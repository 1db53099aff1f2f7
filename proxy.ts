import { NextResponse, type NextRequest } from "next/server";

// A convenience redirect only: every member page and action checks the session itself
// (lib/auth/current-member.ts), so nothing here is a security boundary.
const SESSION_COOKIES = ["__Host-fuyo.session", "fuyo.session"];

export function proxy(request: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn) return NextResponse.redirect(new URL("/login", request.url));
  return NextResponse.next();
}

export const config = { matcher: ["/", "/terms", "/account", "/account/:path*"] };
