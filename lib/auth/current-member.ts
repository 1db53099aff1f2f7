import "server-only";
import { eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { members, rosterEntries, sessions, unions } from "@/db/schema";
import { systemClock } from "../clock";
import { identifyRequest } from "../log";
import { termsStatus } from "../terms/status";
import { auth } from "./auth";
import { endSession } from "./sessions";

/**
 * The signed-in member for this request, or a redirect to /login (with the reason the session
 * ended) — and to /terms while the union's current 利用規約 is not consented to.
 */
export const requireMember = cache(async (allowPendingTerms: boolean = false) => {
  const session = (await auth()) as { sid?: string; ended?: string; user?: unknown } | null;
  if (!session?.sid) redirect("/login");
  if (session.ended) redirect(`/login?reason=${encodeURIComponent(session.ended)}`);
  const db = await getDb();
  const row = await sessionMember(db, session.sid);
  if (!row) redirect("/login");
  identifyRequest({ memberId: row.member.id });
  if (row.member.disabledAt || !row.entry.active) {
    await endSession(db, systemClock, session.sid, "inactive");
    redirect("/login?reason=inactive");
  }
  // No terms version at all counts as "not consented": the member waits on /terms (SPEC §5).
  const { terms, consented } = await termsStatus(db, row.member);
  if (!consented && !allowPendingTerms) redirect("/terms");
  return { ...row, sessionId: session.sid, terms, consented };
});

async function sessionMember(db: Awaited<ReturnType<typeof getDb>>, sid: string) {
  const [row] = await db
    .select({ member: members, union: unions, entry: rosterEntries })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
    .innerJoin(sessions, eq(sessions.memberId, members.id))
    .where(eq(sessions.id, sid));
  return row ?? null;
}

/**
 * For route handlers (uploads, files): the same checks as requireMember — a live session, an
 * active member who consented to the current terms — but null instead of a redirect, so the
 * handler answers 401/404 or redirects itself.
 */
export const memberFromRequest = cache(async () => {
  const session = (await auth()) as { sid?: string; ended?: string } | null;
  if (!session?.sid || session.ended) return null;
  const db = await getDb();
  const row = await sessionMember(db, session.sid);
  if (!row) return null;
  identifyRequest({ memberId: row.member.id });
  if (row.member.disabledAt || !row.entry.active) {
    await endSession(db, systemClock, session.sid, "inactive");
    return null;
  }
  const { consented } = await termsStatus(db, row.member);
  if (!consented) return null;
  return { ...row, sessionId: session.sid };
});
