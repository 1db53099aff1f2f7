import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/db";
import { systemClock } from "../clock";
import { env } from "../env";
import { errorFields, log } from "../log";
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from "./session-cookie";
import { checkSession, SESSION_POLICY } from "./sessions";


// Auth.js reads the session (auth()) and ends it (signOut()). No route handler is mounted and no
// provider is configured: the login action checks the credentials itself (lib/auth/login.ts) and
// hands the new session to sessionCookie() (lib/auth/session-cookie.ts).
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
