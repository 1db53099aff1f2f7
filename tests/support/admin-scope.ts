// Scopes for admin integration tests: a union admin of a new union, and an operator, as the gate
// would return them (lib/admin/scope.ts scopeOfAdmin).
import type { Db } from "@/db/connect";
import { createUnion } from "@/db/seed/factories";
import { scopeOfAdmin, type AdminScope } from "@/lib/admin/scope";
import { createTestAdmin } from "./admin-factories";

export async function scopeOf(db: Db, adminId: number): Promise<AdminScope> {
  const scope = await scopeOfAdmin(db, adminId, "test-session");
  if (!scope) throw new Error(`admin ${adminId} has no scope`);
  return scope;
}

/** A new union with its own union admin. */
export async function unionWithAdmin(db: Db) {
  const union = await createUnion(db);
  const made = await createTestAdmin(db, { unionId: union.id });
  return { union, admin: made.admin, scope: await scopeOf(db, made.admin.id) };
}

export async function operatorScope(db: Db) {
  const made = await createTestAdmin(db);
  return scopeOf(db, made.admin.id);
}
