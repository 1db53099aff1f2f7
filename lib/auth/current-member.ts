import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { members, rosterEntries, sessions, termsConsents, termsVersions, unions } from "@/db/schema";
import { systemClock } from "../clock";
import { identifyRequest } from "../log";
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
  const [row] = await db
    .select({ member: members, union: unions, entry: rosterEntries })
    .from(members)
    .innerJoin(unions, eq(unions.id, members.unionId))
    .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
    .innerJoin(sessions, eq(sessions.memberId, members.id))
    .where(eq(sessions.id, session.sid));
  if (!row) redirect("/login");
  identifyRequest({ memberId: row.member.id });
  if (row.member.disabledAt || !row.entry.active) {
    await endSession(db, systemClock, session.sid, "inactive");
    redirect("/login?reason=inactive");
  }
  const terms = await currentTerms(row.union.id);
  const consented = terms ? await hasConsented(row.member.id, terms.id) : true;
  if (!consented && !allowPendingTerms) redirect("/terms");
  return { ...row, sessionId: session.sid, terms, consented };
});

export async function currentTerms(unionId: number) {
  const db = await getDb();
  const [terms] = await db.select().from(termsVersions).where(eq(termsVersions.unionId, unionId)).orderBy(desc(termsVersions.version)).limit(1);
  return terms ?? null;
}

async function hasConsented(memberId: number, termsVersionId: number): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: termsConsents.id })
    .from(termsConsents)
    .where(and(eq(termsConsents.memberId, memberId), eq(termsConsents.termsVersionId, termsVersionId)));
  return Boolean(row);
}
