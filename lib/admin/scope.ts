// What an administrator may touch, and the one way admin queries say so. Every admin query puts
// inScope(scope, <table>.unionId) in its WHERE: a union admin's queries cannot reach another
// union's rows, so "not found" is all they can learn about them.
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/connect";
import { admins, unions } from "@/db/schema";

export type AdminRole = "operator" | "union_admin";

export interface AdminScope {
  admin: { id: number; loginId: string; email: string; role: AdminRole; unionId: number | null };
  /** The unions this admin may read and change (an operator: every union). */
  unionIds: number[];
  sessionId: string;
}

/**
 * The condition "this row belongs to a union in scope". `unassigned: true` also admits rows with
 * no union (e.g. failed logins for unknown IDs in the audit log), for operators only.
 */
export function inScope(scope: AdminScope, column: AnyPgColumn, opts: { unassigned?: boolean } = {}): SQL {
  const inUnions = scope.unionIds.length > 0 ? inArray(column, scope.unionIds) : sql`false`;
  if (opts.unassigned && scope.admin.role === "operator") return or(inUnions, isNull(column))!;
  return inUnions;
}

export function isInScope(scope: AdminScope, unionId: number | null | undefined): boolean {
  return unionId != null && scope.unionIds.includes(unionId);
}

/** The scope of a live, enabled admin (by id), or null. */
export async function scopeOfAdmin(db: DbOrTx, adminId: number, sessionId: string): Promise<AdminScope | null> {
  const [admin] = await db.select().from(admins).where(and(eq(admins.id, adminId), isNull(admins.disabledAt)));
  if (!admin) return null;
  const role: AdminRole = admin.role === "operator" ? "operator" : "union_admin";
  let unionIds: number[];
  if (role === "operator") {
    unionIds = (await db.select({ id: unions.id }).from(unions).orderBy(asc(unions.id))).map((u) => u.id);
  } else {
    unionIds = admin.unionId != null ? [admin.unionId] : [];
  }
  return { admin: { id: admin.id, loginId: admin.loginId, email: admin.email, role, unionId: admin.unionId }, unionIds, sessionId };
}
