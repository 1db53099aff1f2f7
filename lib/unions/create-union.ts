// A new union and its first 利用規約 version, in one transaction: a union never exists without
// terms, so none of its members skips consent (SPEC "Member flows" 5). The CLI (`union:create`) and
// the admin area both create unions through here.
import type { DbOrTx } from "@/db/connect";
import { termsVersions, unions } from "@/db/schema";
import { standardTerms } from "@/db/seed/terms";
import type { Clock } from "../clock";

export interface NewUnion {
  /** 保険者指定コード, already normalised (half-width, lower case). */
  code: string;
  name: string;
  callCenterPhone?: string | null;
  callCenterHours?: string | null;
  supportEmail?: string | null;
  senderEmail?: string | null;
  surveyOpensOn?: string | null;
  surveyClosesOn?: string | null;
}

export type CreateUnionResult =
  | { ok: true; union: typeof unions.$inferSelect; terms: typeof termsVersions.$inferSelect }
  | { ok: false; reason: "code_taken" };

export async function createUnionWithTerms(
  db: DbOrTx,
  clock: Clock,
  input: NewUnion,
  terms: { title: string; body: string } = standardTerms(input.name),
): Promise<CreateUnionResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    // The unique constraint decides, not a prior lookup: two concurrent runs cannot both succeed.
    const [union] = await tx
      .insert(unions)
      .values({ ...input, createdAt: now })
      .onConflictDoNothing({ target: unions.code })
      .returning();
    if (!union) return { ok: false, reason: "code_taken" } as const;
    const [version] = await tx.insert(termsVersions).values({ unionId: union.id, version: 1, ...terms, publishedAt: now }).returning();
    return { ok: true, union, terms: version } as const;
  });
}
