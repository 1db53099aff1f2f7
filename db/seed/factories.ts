// Factories with random values, shared by the demo seed and the tests.
import crypto from "node:crypto";
import type { DbOrTx } from "../connect";
import { admins, rosterEntries, unions } from "../schema";
import { encryptTotpSecret } from "../../lib/admin/totp-secret";
import { newTotpSecret } from "../../lib/admin/totp";
import { hashPassword } from "../../lib/auth/hash";
import { env } from "../../lib/env";
import { normalizeKanaName } from "../../lib/kana";

const rand = (n = 6) => crypto.randomBytes(n).toString("hex").slice(0, n);
const pick = <T>(items: readonly T[]): T => items[crypto.randomInt(items.length)];

const FAMILY = [["健保", "ケンポ"], ["佐藤", "サトウ"], ["鈴木", "スズキ"], ["高橋", "タカハシ"], ["田中", "タナカ"], ["伊藤", "イトウ"], ["渡辺", "ワタナベ"], ["山本", "ヤマモト"], ["中村", "ナカムラ"], ["小林", "コバヤシ"], ["加藤", "カトウ"], ["吉田", "ヨシダ"]] as const;
const GIVEN = [["太郎", "タロウ"], ["花子", "ハナコ"], ["翔子", "ショウコ"], ["健一", "ケンイチ"], ["美咲", "ミサキ"], ["大輔", "ダイスケ"], ["陽菜", "ヒナ"], ["蓮", "レン"], ["優子", "ユウコ"], ["拓也", "タクヤ"], ["由美", "ユミ"], ["隆", "タカシ"]] as const;

export function randomPersonName(): { name: string; kanaName: string } {
  const [f, fk] = pick(FAMILY);
  const [g, gk] = pick(GIVEN);
  return { name: `${f} ${g}`, kanaName: `${fk} ${gk}` };
}

export async function createUnion(db: DbOrTx, overrides: Partial<typeof unions.$inferInsert> = {}) {
  const code = overrides.code ?? `u${rand(8)}`.replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]);
  const [row] = await db
    .insert(unions)
    .values({
      code,
      name: `テスト${code}健康保険組合`,
      callCenterPhone: "050-0000-0000",
      callCenterHours: "平日 10:00〜17:00(12:00〜13:00、土日祝日を除く)",
      supportEmail: `support@${code}.example.jp`,
      ...overrides,
    })
    .returning();
  return row;
}

export type RosterEntryInput = Partial<typeof rosterEntries.$inferInsert> & { unionId: number };

export async function createRosterEntry(db: DbOrTx, input: RosterEntryInput) {
  const person = randomPersonName();
  const kanaName = input.kanaName ?? person.kanaName;
  const branch = input.branch ?? "00";
  const [row] = await db
    .insert(rosterEntries)
    .values({
      symbol: String(crypto.randomInt(1, 99)).padStart(2, "0"),
      number: `t${rand(7)}`,
      name: person.name,
      birthDate: `19${crypto.randomInt(50, 99)}-0${crypto.randomInt(1, 9)}-1${crypto.randomInt(0, 9)}`,
      relationship: branch === "00" ? "本人" : "子",
      isInsured: branch === "00",
      ...input,
      branch,
      kanaName,
      kanaKey: normalizeKanaName(kanaName),
    })
    .returning();
  return row;
}

export interface AdminOptions {
  /** A union admin of this union; omit for an operator. */
  unionId?: number | null;
  role?: "operator" | "union_admin";
  loginId?: string;
  password?: string;
  email?: string;
  /** The key the TOTP secret is encrypted under; defaults to the environment's AUTH_SECRET. */
  authSecret?: string;
  disabled?: boolean;
}

export const DEFAULT_ADMIN_PASSWORD = "Admin#2026-pass";

/** An administrator with a fresh TOTP secret, returned in plain text so callers can compute codes. */
export async function createAdmin(db: DbOrTx, options: AdminOptions = {}) {
  const role = options.role ?? (options.unionId != null ? "union_admin" : "operator");
  const loginId = options.loginId ?? `admin_${rand(8)}`;
  const password = options.password ?? DEFAULT_ADMIN_PASSWORD;
  const totpSecret = newTotpSecret();
  const [admin] = await db
    .insert(admins)
    .values({
      loginId,
      email: options.email ?? `${loginId.toLowerCase()}@admin.example.jp`,
      passwordHash: await hashPassword(password),
      totpSecret: encryptTotpSecret(totpSecret, options.authSecret ?? env().AUTH_SECRET),
      role,
      unionId: role === "union_admin" ? (options.unionId ?? null) : null,
      disabledAt: options.disabled ? new Date() : null,
    })
    .returning();
  return { admin, loginId, password, totpSecret };
}
