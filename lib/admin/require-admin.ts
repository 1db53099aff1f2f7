import "server-only";
// The gate every admin page, action, route handler and export calls first. It reads only the admin
// cookie (never the member session), checks the session row, and returns the admin with the unions
// it may touch. Routing and proxy.ts are conveniences; this is the boundary.
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { systemClock } from "../clock";
import { resolveAdminScope, type ScopeResult } from "./resolve-scope";
import type { AdminScope } from "./scope";
import { adminCookieName } from "./sessions";

export type { AdminScope } from "./scope";

const currentScope = cache(async (): Promise<ScopeResult> => {
  const token = (await cookies()).get(adminCookieName())?.value;
  return resolveAdminScope(await getDb(), systemClock, token);
});

/** The signed-in admin, or a redirect to /admin/login (saying why the session ended). */
export async function requireAdmin(): Promise<AdminScope> {
  const result = await currentScope();
  if (!result.ok) redirect(result.reason === "missing" ? "/admin/login" : `/admin/login?reason=${result.reason}`);
  return result.scope;
}

/** An operator; to a union admin the page does not exist. */
export async function requireOperator(): Promise<AdminScope> {
  const scope = await requireAdmin();
  if (scope.admin.role !== "operator") notFound();
  return scope;
}

/** For route handlers: the scope, or null (the caller answers 404). */
export async function adminScopeFromRequest(): Promise<AdminScope | null> {
  const result = await currentScope();
  return result.ok ? result.scope : null;
}
