// The roster side of sign-up step 1: find the insured person (本人) an applicant claims to be.
// Inputs are normalised the way the roster was (full width → half width, insurer code lower case,
// kana folded by normalizeKanaName), so one indexed lookup on roster_match_idx decides. Whether
// the person already has an account is the caller's business.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/connect";
import { rosterEntries, unions } from "@/db/schema";
import { normalizeKanaName } from "../kana";
import { halfWidth, isoDate, unionCodeOf } from "./fields";

export interface RosterMatchQuery {
  /** 保険者指定コード */
  unionCode: string;
  /** 記号 */
  symbol: string;
  /** 番号 */
  number: string;
  /** 生年月日, YYYY-MM-DD (or YYYY/M/D). */
  birthDate: string;
  /** 氏名(カナ), in any of the spellings normalizeKanaName folds together. */
  kanaName: string;
}

export type RosterMatch = typeof rosterEntries.$inferSelect;

function buildQuery(db: DbOrTx) {
  return db
    .select({ entry: rosterEntries })
    .from(rosterEntries)
    .innerJoin(unions, eq(unions.id, rosterEntries.unionId))
    .where(
      and(
        eq(unions.code, sql.placeholder("unionCode")),
        eq(rosterEntries.symbol, sql.placeholder("symbol")),
        eq(rosterEntries.number, sql.placeholder("number")),
        eq(rosterEntries.birthDate, sql.placeholder("birthDate")),
        eq(rosterEntries.kanaKey, sql.placeholder("kanaKey")),
        eq(rosterEntries.isInsured, true),
        eq(rosterEntries.active, true),
      ),
    )
    .limit(1)
    .prepare("roster_match");
}

// Sign-up runs this on every attempt: a named prepared statement skips rebuilding the SQL and lets
// PostgreSQL reuse the parsed statement on each pooled connection.
const prepared = new WeakMap<DbOrTx, ReturnType<typeof buildQuery>>();

/** The active 本人 row matching every field, or null. */
export async function findRosterMatch(db: DbOrTx, query: RosterMatchQuery): Promise<RosterMatch | null> {
  const birthDate = isoDate(query.birthDate);
  const kanaKey = normalizeKanaName(query.kanaName);
  const symbol = halfWidth(query.symbol);
  const number = halfWidth(query.number);
  // Malformed input cannot match; asking the database would only turn it into a type error.
  if (!birthDate || !kanaKey || !symbol || !number) return null;
  let statement = prepared.get(db);
  if (!statement) prepared.set(db, (statement = buildQuery(db)));
  const [row] = await statement.execute({ unionCode: unionCodeOf(query.unionCode), symbol, number, birthDate, kanaKey });
  return row?.entry ?? null;
}
