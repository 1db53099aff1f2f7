// Union ids from URLs and forms, read against the admin's scope (lib/admin/scope.ts): an id can
// only narrow the scope, never widen it. `inUnions` is inScope() for a narrowed list of ids.
import { inArray, sql, type Column, type SQL } from "drizzle-orm";
import type { AdminScope } from "./scope";

/** `column IN (scope's unions)`; false for an empty scope. */
export function inUnions(column: Column, unionIds: readonly number[]): SQL {
  return unionIds.length ? inArray(column, [...unionIds]) : sql`false`;
}

/** The union id asked for in a URL or form, when it is one the admin may touch; otherwise null. */
export function unionInScope(scope: AdminScope, requested: unknown): number | null {
  const text = String(requested ?? "").trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  const id = Number(text);
  return scope.unionIds.includes(id) ? id : null;
}

/**
 * The union a page works on: `?union=` when it is in scope (null when it is not: the page
 * answers not found), else the admin's own union, else (operator) the first union.
 */
export function selectedUnion(scope: AdminScope, requested: string | undefined): number | null {
  if (requested !== undefined && requested !== "") return unionInScope(scope, requested);
  return scope.admin.unionId ?? scope.unionIds[0] ?? null;
}

export const isOperator = (scope: AdminScope) => scope.admin.role === "operator";
