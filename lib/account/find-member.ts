import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { members, rosterEntries } from "@/db/schema";

/** An active member by user ID and registered email (both case-insensitive), or null. */
export async function findActiveMember(db: DbOrTx, where: { userId?: string; email: string }) {
  const rows = await db
    .select({ member: members })
    .from(members)
    .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
    .where(
      and(
        eq(sql`lower(${members.email})`, where.email.toLowerCase()),
        where.userId ? eq(sql`lower(${members.userId})`, where.userId.toLowerCase()) : undefined,
        isNull(members.disabledAt),
        eq(rosterEntries.active, true),
      ),
    );
  return rows.map((r) => r.member);
}

export const memberSubject = (memberId: number) => `member:${memberId}`;
