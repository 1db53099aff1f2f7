// A union's settings and its 利用規約 versions, changed from /admin/settings. Each change runs in
// one transaction with the union row locked, inside the admin's scope, and is audited with what
// it was before and after. Publishing inserts version n+1: members are asked to consent again at
// their next request (lib/auth/current-member.ts compares with the newest version).
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { termsVersions, unions } from "@/db/schema";
import { audit } from "../audit";
import type { Clock } from "../clock";
import type { AdminScope } from "./scope";
import type { SettingsInput } from "./schemas";

type Fields = Omit<SettingsInput, "unionId">;
const FIELDS = ["name", "callCenterPhone", "callCenterHours", "supportEmail", "senderEmail", "surveyOpensOn", "surveyClosesOn"] as const;

export async function unionSettings(db: Db, scope: AdminScope, unionId: number) {
  if (!scope.unionIds.includes(unionId)) return null;
  const [row] = await db.select().from(unions).where(eq(unions.id, unionId));
  return row ?? null;
}

export async function currentTermsOf(db: Db, scope: AdminScope, unionId: number) {
  if (!scope.unionIds.includes(unionId)) return null;
  const [row] = await db.select().from(termsVersions).where(eq(termsVersions.unionId, unionId)).orderBy(desc(termsVersions.version)).limit(1);
  return row ?? null;
}

export type SettingsResult = { ok: true; changed: string[] } | { ok: false; reason: "not_found" };

export async function updateSettings(db: Db, clock: Clock, scope: AdminScope, unionId: number, input: Fields, ip?: string | null): Promise<SettingsResult> {
  if (!scope.unionIds.includes(unionId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(unions).where(eq(unions.id, unionId)).for("update");
    if (!before) return { ok: false as const, reason: "not_found" as const };
    const changed = FIELDS.filter((f) => (before[f] ?? null) !== (input[f] ?? null));
    if (changed.length === 0) return { ok: true as const, changed };
    await tx.update(unions).set(Object.fromEntries(changed.map((f) => [f, input[f]]))).where(eq(unions.id, unionId));
    await audit(tx, clock, {
      event: "admin.settings_updated",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId,
      target: `union:${unionId}`,
      ip,
      details: { before: Object.fromEntries(changed.map((f) => [f, before[f]])), after: Object.fromEntries(changed.map((f) => [f, input[f]])) },
    });
    return { ok: true as const, changed };
  });
}

export type PublishResult = { ok: true; version: number } | { ok: false; reason: "not_found" | "unchanged" };

export async function publishTerms(db: Db, clock: Clock, scope: AdminScope, unionId: number, input: { title: string; body: string }, ip?: string | null): Promise<PublishResult> {
  if (!scope.unionIds.includes(unionId)) return { ok: false, reason: "not_found" };
  return db.transaction(async (tx) => {
    // The union row lock puts two publishers one after the other, so n+1 is never taken twice.
    const [union] = await tx.select({ id: unions.id }).from(unions).where(eq(unions.id, unionId)).for("no key update");
    if (!union) return { ok: false as const, reason: "not_found" as const };
    const [current] = await tx.select().from(termsVersions).where(eq(termsVersions.unionId, unionId)).orderBy(desc(termsVersions.version)).limit(1);
    // A double click (or publishing the text unchanged) must not make every member consent again.
    if (current && current.body === input.body && current.title === input.title) return { ok: false as const, reason: "unchanged" as const };
    const version = (current?.version ?? 0) + 1;
    await tx.insert(termsVersions).values({ unionId, version, title: input.title, body: input.body, publishedAt: clock.now() });
    await audit(tx, clock, {
      event: "admin.terms_published",
      actorType: "admin",
      actorId: scope.admin.id,
      unionId,
      target: `terms:${unionId}:${version}`,
      ip,
      details: { before: current ? { version: current.version, title: current.title, length: current.body.length } : null, after: { version, title: input.title, length: input.body.length } },
    });
    return { ok: true as const, version };
  });
}
