import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { systemClock } from "../clock";
import { env } from "../env";
import { errorFields, log } from "../log";
import { clientFrom } from "../request";
import { login, type LoginResult } from "./login";
import { checkSession, SESSION_POLICY } from "./sessions";

/** Thrown from authorize(); the login action reads `.result` to show the right message. */
export class LoginRejected extends CredentialsSignin {
  constructor(readonly result: Exclude<LoginResult, { ok: true }>) {
    super(result.reason);
    this.code = result.reason;
  }
}

const production = process.env.NODE_ENV === "production";

// No route handler is mounted for Auth.js: sign-in happens only through our server action, so the
// credentials below can only come from it.
export const { auth, signIn, signOut } = NextAuth({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_POLICY.absoluteMs / 1000 },
  pages: { signIn: "/login" },
  cookies: {
    sessionToken: {
      name: production ? "__Host-fuyo.session" : "fuyo.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: production },
    },
  },
  logger: {
    // A rejected login is an expected outcome, already in the audit log.
    error(error) {
      if (error instanceof LoginRejected || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error(errorFields(error), "auth error");
    },
  },
  providers: [
    Credentials({
      credentials: { userId: {}, password: {} },
      async authorize(credentials, request) {
        const userId = String(credentials.userId ?? "");
        const password = String(credentials.password ?? "");
        const result = await login(await getDb(), systemClock, { userId, password }, clientFrom(request.headers));
        if (!result.ok) throw new LoginRejected(result);
        return { id: String(result.memberId), sid: result.sessionId } as { id: string };
      },
    }),
  ],
  callbacks: {
    // The token carries only a session id; the sessions table decides on every request.
    async jwt({ token, user }) {
      if (user) {
        token.sid = (user as { sid?: string }).sid;
        delete token.ended;
        return token;
      }
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
