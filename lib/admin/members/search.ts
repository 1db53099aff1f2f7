// The member search of /admin/members: one field for 記号・番号 (`01-jvc0211`, `01 jvc0211`, or one
// part), 氏名(カナ) (folded like sign-up, prefix allowed), ユーザーID or メールアドレス (prefix,
// any case). Lists insured persons (本人) with their account, if any; always scoped by union.
import { and, asc, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type DbOrTx } from "@/db/connect";
import { members, rosterEntries, unions } from "@/db/schema";
import { kanaNameProblem, normalizeKanaName } from "../../kana";
import { halfWidth } from "../../normalize";
import { inScope, type AdminScope } from "../scope";
import { inUnions } from "../scope-params";

export const MEMBER_PAGE_SIZE = 20;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** `?q=&page=` of the members page; anything malformed falls back to the default. */
export const memberSearchParams = z.object({
  q: z.preprocess(first, z.string().trim().max(100).catch("")).default(""),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type MemberSearch = z.output<typeof memberSearchParams>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The condition for what was typed; undefined lists everyone. */
export function searchCondition(q: string): SQL | undefined {
  const text = halfWidth(q).replace(/\u3000/g, " ").trim();
  if (text === "") return undefined;
  const pair = /^([0-9A-Za-z]+)[\s\-‐ー－]+([0-9A-Za-z-]+)$/.exec(text);
  if (pair) return and(eq(rosterEntries.symbol, pair[1]), eq(rosterEntries.number, pair[2]));
  const token = text.replace(/\s+/g, " ");
  const prefix = `${escapeLike(token.toLowerCase())}%`;
  const conditions: SQL[] = [
    eq(rosterEntries.symbol, token),
    eq(rosterEntries.number, token),
    like(sql`lower(${members.userId})`, prefix),
    like(sql`lower(${members.email})`, prefix),
  ];
  if (kanaNameProblem(token) === null) {
    const key = normalizeKanaName(token);
    if (key) conditions.push(like(rosterEntries.kanaKey, `${escapeLike(key)}%`));
  }
  return or(...conditions);
}

/**
 * The same search as searchCondition, as the insured persons it finds — (id, union_id, symbol,
 * number): the id and the list's sort key — from one indexed lookup per kind (記号, 番号, ユーザーID
 * and メールアドレス prefixes, kana prefix), each scoped to `unionIds` inside it, joined with UNION
 * (a person found twice counts once). An OR across the roster and its left-joined accounts can use
 * none of those indexes: counting its matches scanned the union's whole roster. The kana lookup
 * is index-only (roster_insured_kana_idx holds the sort key), so a page is chosen before any row
 * is read. Undefined when nothing was typed.
 */
export function matchingEntryIds(db: DbOrTx, q: string, unionIds: readonly number[]): SQL | undefined {
  const text = halfWidth(q).replace(/\u3000/g, " ").trim();
  if (text === "") return undefined;
  const found = { id: rosterEntries.id, unionId: rosterEntries.unionId, symbol: rosterEntries.symbol, number: rosterEntries.number };
  const entries = (where: SQL) =>
    db.select(found).from(rosterEntries).where(and(inUnions(rosterEntries.unionId, unionIds), eq(rosterEntries.isInsured, true), where));
  // Accounts exist for insured persons only, in their own union.
  const accounts = (where: SQL) =>
    db
      .select(found)
      .from(members)
      .innerJoin(rosterEntries, eq(rosterEntries.id, members.rosterEntryId))
      .where(and(inUnions(members.unionId, unionIds), where));
  const pair = /^([0-9A-Za-z]+)[\s\-‐ー－]+([0-9A-Za-z-]+)$/.exec(text);
  if (pair) return sql`${entries(and(eq(rosterEntries.symbol, pair[1]), eq(rosterEntries.number, pair[2]))!)}`;
  const token = text.replace(/\s+/g, " ");
  const prefix = `${escapeLike(token.toLowerCase())}%`;
  const lookups = [
    entries(eq(rosterEntries.symbol, token)),
    entries(eq(rosterEntries.number, token)),
    accounts(like(sql`lower(${members.userId})`, prefix)),
    accounts(like(sql`lower(${members.email})`, prefix)),
  ];
  if (kanaNameProblem(token) === null) {
    const key = normalizeKanaName(token);
    if (key) lookups.push(entries(like(rosterEntries.kanaKey, `${escapeLike(key)}%`)));
  }
  return sql.join(lookups, sql` union `);
}

export interface MemberRow {
  rosterEntryId: number;
  unionName: string;
  symbol: string;
  number: string;
  name: string;
  kanaName: string;
  birthDate: string;
  active: boolean;
  memberId: number | null;
  userId: string | null;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

/** The statements of a search: the count of matches and one page of them (bench -- admin EXPLAINs both). */
export function memberSearchQueries(db: DbOrTx, scope: AdminScope, q: string) {
  const found = matchingEntryIds(db, q, scope.unionIds);
  const base = and(inScope(scope, rosterEntries.unionId), eq(rosterEntries.isInsured, true));
  const total = found ? sql`select count(*)::int as total from (${found}) found` : sql`select count(*)::int as total from ${rosterEntries} where ${base}`;
  const page = (page: number) => {
    const offset = (page - 1) * MEMBER_PAGE_SIZE;
    // With a search, the page's ids come from the lookups' own sort keys.
    const where = found
      ? and(base, sql`${rosterEntries.id} in (select id from (${found}) found order by union_id, symbol, number limit ${MEMBER_PAGE_SIZE} offset ${offset})`)
      : base;
    return db
      .select({
        rosterEntryId: rosterEntries.id,
        unionName: unions.name,
        symbol: rosterEntries.symbol,
        number: rosterEntries.number,
        name: rosterEntries.name,
        kanaName: rosterEntries.kanaName,
        birthDate: rosterEntries.birthDate,
        active: rosterEntries.active,
        memberId: members.id,
        userId: members.userId,
        lockedUntil: members.lockedUntil,
        disabledAt: members.disabledAt,
      })
      .from(rosterEntries)
      .innerJoin(unions, eq(unions.id, rosterEntries.unionId))
      // One row per person: the open account (a reset's closed accounts are not listed beside it).
      .leftJoin(members, and(eq(members.rosterEntryId, rosterEntries.id), isNull(members.closedAt)))
      .where(where)
      .orderBy(asc(rosterEntries.unionId), asc(rosterEntries.symbol), asc(rosterEntries.number))
      .limit(MEMBER_PAGE_SIZE)
      .offset(found ? 0 : offset);
  };
  return { total, page };
}

export async function searchMembers(db: DbOrTx, scope: AdminScope, search: MemberSearch): Promise<{ rows: MemberRow[]; total: number; page: number; pages: number }> {
  // The count and the page from the same condition, in one snapshot.
  return db.transaction(async (tx) => {
    const queries = memberSearchQueries(tx, scope, search.q);
    const [{ total }] = rowsOf<{ total: number }>(await tx.execute(queries.total));
    const pages = Math.max(1, Math.ceil(Number(total) / MEMBER_PAGE_SIZE));
    const page = Math.min(search.page, pages);
    const rows = await queries.page(page);
    return { rows, total: Number(total), page, pages };
  });
}
