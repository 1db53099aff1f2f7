// A member with dependents under their 記号・番号, and a survey of their union, for survey tests.
import type { DbOrTx, Db } from "@/db/connect";
import { createRosterEntry } from "@/db/seed/factories";
import type { Clock } from "@/lib/clock";
import { openSurvey } from "@/lib/survey/open-survey";
import type { MemberRef } from "@/lib/survey/member-survey";
import { createMember } from "./member-factories";

export interface DependentSpec {
  name?: string;
  birthDate: string;
  relationship: string;
  active?: boolean;
}

export async function createFamily(db: DbOrTx, clock: Clock, unionId: number, dependents: DependentSpec[]) {
  const m = await createMember(db, { unionId, clock });
  const deps = [];
  for (const [i, d] of dependents.entries()) {
    deps.push(await createRosterEntry(db, { unionId, symbol: m.rosterEntry.symbol, number: m.rosterEntry.number, branch: String(i + 1).padStart(2, "0"), birthDate: d.birthDate, relationship: d.relationship, active: d.active ?? true, ...(d.name ? { name: d.name } : {}) }));
  }
  const ref: MemberRef = { memberId: m.member.id, unionId, insuredEntryId: m.rosterEntry.id };
  return { ...m, dependents: deps, ref };
}

/** Opens a survey for `unionId` whose window contains the clock's now (JST dates). */
export async function openTestSurvey(db: Db, clock: Clock, unionId: number, opts: { opensOn?: string; closesOn?: string } = {}) {
  const today = new Date(clock.now().getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  const result = await openSurvey(db, clock, { unionId, title: "令和8年度 被扶養者資格調査", opensOn: opts.opensOn ?? today, closesOn: opts.closesOn ?? "2027-03-31" });
  if (!result.ok) throw new Error(result.message);
  return result;
}
