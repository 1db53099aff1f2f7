// Sign-up step 1: find the member's 本人 row in the union's active roster. Failures are throttled
// per client address and per typed 記号・番号 (birth dates are guessable), and never say which
// field was wrong.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { members } from "@/db/schema";
import { audit } from "../audit";
import { giveBack, LIMITS, take } from "../auth/throttle";
import type { Clock } from "../clock";
import { findRosterMatch } from "../roster/match";
import { createSignupRequest } from "./request";
import type { RosterMatchInput } from "./schemas";

export type MatchResult =
  | { ok: true; token: string }
  | { ok: false; reason: "no_match" | "already_registered" | "throttled" | "too_many_open" };

export async function matchRoster(db: Db, clock: Clock, input: RosterMatchInput, client: { ip: string }): Promise<MatchResult> {
  const clientKey = `match:ip:${client.ip}`;
  const entryKey = `match:entry:${input.insurerCode}:${input.symbol}:${input.number}`.toLowerCase();
  // Count first, judge after: parallel guesses cannot all pass a check made before any counted.
  const clientSlot = await take(db, clock, clientKey, LIMITS.matchPerClient);
  const entrySlot = await take(db, clock, entryKey, LIMITS.matchPerEntry);
  if (!clientSlot.allowed || !entrySlot.allowed) {
    await audit(db, clock, { event: "signup.match_throttled", actorType: "anonymous", ip: client.ip, target: entryKey });
    return { ok: false, reason: "throttled" };
  }

  const entry = await findRosterMatch(db, { unionCode: input.insurerCode, symbol: input.symbol, number: input.number, birthDate: input.birthDate, kanaName: input.kanaName });
  const [account] = entry ? await db.select({ id: members.id }).from(members).where(and(eq(members.rosterEntryId, entry.id), isNull(members.closedAt))) : [];
  const row = entry ? { entry, memberId: account?.id ?? null } : null;

  if (!row) {
    await audit(db, clock, { event: "signup.match_failed", actorType: "anonymous", ip: client.ip, target: entryKey });
    return { ok: false, reason: "no_match" };
  }
  // A match is not a failed guess.
  await giveBack(db, clientKey, clientSlot);
  await giveBack(db, entryKey, entrySlot);
  if (row.memberId) {
    await audit(db, clock, { event: "signup.match_registered", actorType: "anonymous", unionId: row.entry.unionId, ip: client.ip, target: `roster:${row.entry.id}` });
    return { ok: false, reason: "already_registered" };
  }
  const created = await createSignupRequest(db, clock, row.entry.unionId, row.entry.id);
  if (!created) {
    // Each open request can mail codes: a cap per person stops one roster row feeding a mail loop.
    await audit(db, clock, { event: "signup.too_many_open", actorType: "anonymous", unionId: row.entry.unionId, ip: client.ip, target: `roster:${row.entry.id}` });
    return { ok: false, reason: "too_many_open" };
  }
  const { token } = created;
  await audit(db, clock, { event: "signup.matched", actorType: "anonymous", unionId: row.entry.unionId, ip: client.ip, target: `roster:${row.entry.id}` });
  return { ok: true, token };
}
