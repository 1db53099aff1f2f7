// A registered member, as sign-up would leave one: roster 本人 row, members row (argon2id hash from
// lib/auth/hash) and the first password_history row. Random values unless overridden.
import crypto from "node:crypto";
import type { DbOrTx } from "@/db/connect";
import { members, passwordHistory } from "@/db/schema";
import { createRosterEntry, createUnion } from "@/db/seed/factories";
import { hashPassword } from "@/lib/auth/hash";
import { LOCKOUT } from "@/lib/auth/lockout";
import { testClock, type Clock } from "@/lib/clock";

export const DEFAULT_PASSWORD = "Kenpo#2026x";

export interface MemberOptions {
  unionId?: number;
  userId?: string;
  password?: string;
  email?: string;
  /** true: locked for LOCKOUT.lockMs from the clock's now (10 failures); a Date: locked until then. */
  locked?: boolean | Date;
  disabled?: boolean;
  rosterActive?: boolean;
  /** The 本人 row's 氏名(カナ); random otherwise (and then possibly any of the factory's names). */
  kanaName?: string;
  /** The "now" for timestamps and `locked: true` (defaults to testClock()'s start). */
  clock?: Clock;
}

const rand = (n: number) => crypto.randomBytes(n).toString("hex");

export async function createMember(db: DbOrTx, options: MemberOptions = {}) {
  const now = (options.clock ?? testClock()).now();
  const unionId = options.unionId ?? (await createUnion(db)).id;
  const rosterEntry = await createRosterEntry(db, { unionId, active: options.rosterActive ?? true, ...(options.kanaName ? { kanaName: options.kanaName } : {}) });
  const userId = options.userId ?? `member_${rand(4)}`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const email = options.email ?? `${userId.toLowerCase()}.${rand(3)}@example.jp`;
  const passwordHash = await hashPassword(password);
  const lockedUntil =
    options.locked instanceof Date ? options.locked : options.locked ? new Date(now.getTime() + LOCKOUT.lockMs) : null;

  const [member] = await db
    .insert(members)
    .values({
      unionId,
      rosterEntryId: rosterEntry.id,
      userId,
      email,
      passwordHash,
      failedLogins: lockedUntil ? LOCKOUT.maxFailures : 0,
      lockedUntil,
      disabledAt: options.disabled ? now : null,
      passwordChangedAt: now,
      createdAt: now,
    })
    .returning();
  await db.insert(passwordHistory).values({ memberId: member.id, passwordHash, createdAt: now });
  return { member, rosterEntry, unionId, userId, password, email };
}
