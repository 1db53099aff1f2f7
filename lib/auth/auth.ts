import "server-only";
import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { systemClock } from "../clock";
import { env } from "../env";
import { errorFields, log } from "../log";
import { checkSession, SESSION_POLICY } from "./sessions";

const production = process.env.NODE_ENV === "production";
const SESSION_COOKIE = production ? "__Host-fuyo.session" : "fuyo.session";
const SESSION_COOKIE_OPTIONS = { httpOnly: true, sameSite: "lax", path: "/", secure: production } as const;

// Auth.js reads the session (auth()) and ends it (signOut()). No route handler is mounted and no
// provider is configured: the login action checks the credentials itself (lib/auth/login.ts) and
// hands the new session to startMemberSession() below.
export const { auth, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_POLICY.absoluteMs / 1000 },
  pages: { signIn: "/login" },
  cookies: { sessionToken: { name: SESSION_COOKIE, options: SESSION_COOKIE_OPTIONS } },
  logger: {
    error(error) {
      log.error(errorFields(error), "auth error");
    },
  },
  providers: [],
  callbacks: {
    // The token carries only a session id; the sessions table decides on every request.
    async jwt({ token }) {
      if (typeof token.sid !== "string") return null;
      const check = await checkSession(await getDb(), systemClock, token.sid);
      if (!check.ok) token.ended = check.reason;
      return token;
    },
    async session({ session, token }) {
      return Object.assign(session, { sid: token.sid, ended: token.ended });
    },
  },
});

/**
 * After a good login (lib/auth/login.ts opened the session row): the session cookie, the same
 * encrypted JWT Auth.js issues after a sign-in ({ sub, sid }, salted with the cookie name), so
 * auth() reads it as its own. Written here rather than through signIn(): Auth.js's sign-in builds a
 * request, runs its provider and callback machinery and encodes the same token, about a sixth of a
 * login's server CPU for nothing the member door needs.
 */
export async function startMemberSession(memberId: number, sessionId: string): Promise<void> {
  const maxAge = SESSION_POLICY.absoluteMs / 1000;
  const token = await encode({ token: { sub: String(memberId), sid: sessionId }, secret: env().AUTH_SECRET, salt: SESSION_COOKIE, maxAge });
  (await cookies()).set(SESSION_COOKIE, token, { ...SESSION_COOKIE_OPTIONS, expires: new Date(Date.now() + maxAge * 1000) });
}
