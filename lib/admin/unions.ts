// Unions as the admin area sees them: the picker's choices, and the operator's create / edit.
// createUnion publishes the union's first 利用規約 in the same transaction, so no member of a new
// union can ever skip consent. (lib/unions/create-union.ts on the `input` branch does the same for
// the CLI; once both are on main, this should call that one.)
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { termsVersions, unions } from "@/db/schema";
import { DEMO_TERMS_BODY } from "@/db/seed/terms";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { uniqueViolation } from "../errors";
import type { AdminScope } from "./scope";
import { inUnions, isOperator } from "./scope-params";

export type UnionChoice = { id: number; code: string; name: string };

export async function unionChoices(db: Db, scope: AdminScope): Promise<UnionChoice[]> {
  return db.select({ id: unions.id, code: unions.code, name: unions.name }).from(unions).where(inUnions(unions.id, scope.unionIds)).orderBy(asc(unions.code));
}

export async function listUnions(db: Db, scope: AdminScope) {
  return db.select().from(unions).where(inUnions(unions.id, scope.unionIds)).orderBy(asc(unions.code));
}

export async function unionInScopeById(db: Db, scope: AdminScope, id: number) {
  const [row] = await db.select().from(unions).where(eq(unions.id, id));
  return row && scope.unionIds.includes(row.id) ? row : null;
}

export const firstTermsFor = (name: string) => ({ title: `${name} 利用規約`, body: DEMO_TERMS_BODY.replaceAll("健康保険組合(以下「当組合」)", `${name}(以下「当組合」)`) });

export type UnionResult = { ok: true; id: number } | { ok: false; reason: "code_taken" | "not_found" | "forbidden" };

export async function createUnion(db: Db, clock: Clock, scope: AdminScope, input: { code: string; name: string }, ip?: string | null): Promise<UnionResult> {
  if (!isOperator(scope)) return { ok: false, reason: "forbidden" };
  try {
    return await db.transaction(async (tx) => {
      const now = clock.now();
      const [created] = await tx.insert(unions).values({ code: input.code, name: input.name, createdAt: now }).returning();
      const terms = firstTermsFor(input.name);
      await tx.insert(termsVersions).values({ unionId: created.id, version: 1, title: terms.title, body: terms.body, publishedAt: now });
      await audit(tx, clock, { event: "admin.union_created", actorType: "admin", actorId: scope.admin.id, unionId: created.id, target: `union:${created.id}`, ip, details: { after: { code: created.code, name: created.name } } });
      return { ok: true as const, id: created.id };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return { ok: false, reason: "code_taken" };
    throw error;
  }
}

export async function updateUnion(db: Db, clock: Clock, scope: AdminScope, id: number, input: { code: string; name: string }, ip?: string | null): Promise<UnionResult> {
  if (!isOperator(scope) || !scope.unionIds.includes(id)) return { ok: false, reason: "not_found" };
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(unions).where(eq(unions.id, id)).for("update");
      if (!before) return { ok: false as const, reason: "not_found" as const };
      await tx.update(unions).set({ code: input.code, name: input.name }).where(eq(unions.id, id));
      await audit(tx, clock, {
        event: "admin.union_updated",
        actorType: "admin",
        actorId: scope.admin.id,
        unionId: id,
        target: `union:${id}`,
        ip,
        details: { before: { code: before.code, name: before.name }, after: input },
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) return { ok: false, reason: "code_taken" };
    throw error;
  }
}
