// One insured person as the union's staff see them: the roster row and dependents, the account's
// state, login history (failures too) and audit events. Not in scope → null (the page says 404).
import { and, asc, desc, eq, isNull, ne, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { auditLog, loginAttempts, members, rosterEntries, sessions, termsConsents, termsVersions, unions } from "@/db/schema";
import { inScope, type AdminScope } from "../scope";

export const HISTORY_LIMIT = 50;

export async function memberDetail(db: DbOrTx, scope: AdminScope, rosterEntryId: number) {
  const [row] = await db
    .select({ entry: rosterEntries, union: unions, member: members })
    .from(rosterEntries)
    .innerJoin(unions, eq(unions.id, rosterEntries.unionId))
    // The person's open account; one closed by a next-year reset is history (its audit rows stay).
    .leftJoin(members, and(eq(members.rosterEntryId, rosterEntries.id), isNull(members.closedAt)))
    .where(and(eq(rosterEntries.id, rosterEntryId), eq(rosterEntries.isInsured, true), inScope(scope, rosterEntries.unionId)));
  if (!row) return null;
  const { entry, union, member } = row;
  const dependents = await db
    .select()
    .from(rosterEntries)
    .where(and(inScope(scope, rosterEntries.unionId), eq(rosterEntries.unionId, entry.unionId), eq(rosterEntries.symbol, entry.symbol), eq(rosterEntries.number, entry.number), ne(rosterEntries.branch, entry.branch)))
    .orderBy(asc(rosterEntries.branch));
  const [currentTerms] = await db
    .select({ id: termsVersions.id, version: termsVersions.version })
    .from(termsVersions)
    .where(and(eq(termsVersions.unionId, entry.unionId), inScope(scope, termsVersions.unionId)))
    .orderBy(desc(termsVersions.version))
    .limit(1);
  if (!member) return { entry, union, dependents, currentTerms: currentTerms ?? null, account: null };

  const [consent] = await db
    .select({ version: termsVersions.version, consentedAt: termsConsents.consentedAt })
    .from(termsConsents)
    .innerJoin(termsVersions, eq(termsVersions.id, termsConsents.termsVersionId))
    .where(and(eq(termsConsents.memberId, member.id), inScope(scope, termsVersions.unionId)))
    .orderBy(desc(termsVersions.version))
    .limit(1);
  const live = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(and(eq(sessions.kind, "member"), eq(sessions.memberId, member.id), isNull(sessions.endedAt)));
  const logins = await db
    .select()
    .from(loginAttempts)
    .where(eq(loginAttempts.memberId, member.id))
    .orderBy(desc(loginAttempts.createdAt), desc(loginAttempts.id))
    .limit(HISTORY_LIMIT);
  const events = await db
    .select()
    .from(auditLog)
    .where(
      and(
        or(and(eq(auditLog.actorType, "member"), eq(auditLog.actorId, String(member.id))), eq(auditLog.target, memberTarget(member.id))),
        or(inScope(scope, auditLog.unionId), isNull(auditLog.unionId)),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(HISTORY_LIMIT);
  return {
    entry,
    union,
    dependents,
    currentTerms: currentTerms ?? null,
    account: { member, consent: consent ?? null, liveSessions: live, logins, events },
  };
}

export type MemberDetail = NonNullable<Awaited<ReturnType<typeof memberDetail>>>;

/** How audit rows name a member they are about. */
export const memberTarget = (memberId: number) => `member:${memberId}`;
