// Where a member stands with their union's 利用規約: the current (newest) version and whether they
// consented to it. A union without any version has nothing to consent to yet, and that is NOT
// consent: such a member is held on /terms (told the terms are not published) like any other.
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { termsConsents, termsVersions } from "@/db/schema";

export type TermsVersion = typeof termsVersions.$inferSelect;

export interface TermsStatus {
  terms: TermsVersion | null;
  consented: boolean;
}

export async function currentTerms(db: DbOrTx, unionId: number): Promise<TermsVersion | null> {
  const [terms] = await db.select().from(termsVersions).where(eq(termsVersions.unionId, unionId)).orderBy(desc(termsVersions.version)).limit(1);
  return terms ?? null;
}

export async function termsStatus(db: DbOrTx, member: { id: number; unionId: number }): Promise<TermsStatus> {
  const terms = await currentTerms(db, member.unionId);
  if (!terms) return { terms: null, consented: false };
  const [row] = await db
    .select({ id: termsConsents.id })
    .from(termsConsents)
    .where(and(eq(termsConsents.memberId, member.id), eq(termsConsents.termsVersionId, terms.id)));
  return { terms, consented: Boolean(row) };
}
