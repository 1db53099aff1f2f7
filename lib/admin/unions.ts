// Unions as the admin area sees them: the picker's choices, and the operator's create / edit.
// createUnion goes through lib/unions/create-union.ts, like the CLI: the union's first 利用規約 is
// published in the same transaction, so no member of a new union can ever skip consent.
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { unions } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import { uniqueViolation } from "../errors";
import { createUnionWithTerms } from "../unions/create-union";
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

export type UnionResult = { ok: true; id: number } | { ok: false; reason: "code_taken" | "not_found" | "forbidden" };

export async function createUnion(db: Db, clock: Clock, scope: AdminScope, input: { code: string; name: string }, ip?: string | null): Promise<UnionResult> {
  if (!isOperator(scope)) return { ok: false, reason: "forbidden" };
  return db.transaction(async (tx) => {
    const created = await createUnionWithTerms(tx, clock, { code: input.code, name: input.name });
    if (!created.ok) return created;
    const { union } = created;
    await audit(tx, clock, { event: "admin.union_created", actorType: "admin", actorId: scope.admin.id, unionId: union.id, target: `union:${union.id}`, ip, details: { after: { code: union.code, name: union.name } } });
    return { ok: true as const, id: union.id };
  });
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
