// Demo data: the union `jkc`, its terms, a roster with the manual's example member and a few dozen
// more people (with dependents), an open survey of them all, and an operator admin. Loaded only on an empty database.
// The admin's password is random and returned once (printed by scripts/prestart.ts): a demo that
// ends up on the internet must not open with a password published in this file.
import { eq } from "drizzle-orm";
import type { Db } from "../connect";
import { admins, rosterEntries, unions } from "../schema";
import { normalizeKanaName } from "../../lib/kana";
import { totpUri } from "../../lib/admin/totp";
import { decryptTotpSecret } from "../../lib/admin/totp-secret";
import { systemClock, type Clock } from "../../lib/clock";
import { createUnionWithTerms } from "../../lib/unions/create-union";
import { createAdmin } from "./factories";
import { todayInJapan } from "../../lib/normalize";
import { fiscalYearOf, openSurvey } from "../../lib/survey/open-survey";

export const DEMO_MEMBER = {
  insurerCode: "jkc",
  symbol: "01",
  number: "jvc0211",
  birthDate: "1980-04-01",
  name: "健保 太郎",
  kanaName: "ケンポ タロウ",
} as const;

export const DEMO_ADMIN_LOGIN_ID = "operator";

const FAMILY = ["佐藤:サトウ", "鈴木:スズキ", "高橋:タカハシ", "田中:タナカ", "伊藤:イトウ", "渡辺:ワタナベ", "山本:ヤマモト", "中村:ナカムラ", "小林:コバヤシ", "加藤:カトウ", "吉田:ヨシダ", "山田:ヤマダ", "佐々木:ササキ", "松本:マツモト", "井上:イノウエ", "木村:キムラ", "林:ハヤシ", "斎藤:サイトウ", "清水:シミズ", "山崎:ヤマザキ"];
const GIVEN = ["一郎:イチロウ", "花子:ハナコ", "健太:ケンタ", "美咲:ミサキ", "大輔:ダイスケ", "由美:ユミ", "翔:ショウ", "優子:ユウコ", "拓也:タクヤ", "直子:ナオコ"];

type Row = Omit<typeof rosterEntries.$inferInsert, "unionId" | "kanaKey">;

function person(symbol: string, number: string, branch: string, name: string, kana: string, birthDate: string, relationship: string, sex: "M" | "F"): Row {
  return { symbol, number, branch, name, kanaName: kana, birthDate, relationship, sex, isInsured: branch === "00" };
}

/** Deterministic, so the README can name people a newcomer may sign up as. */
export function demoRoster(): Row[] {
  const { symbol, number, birthDate, name, kanaName } = DEMO_MEMBER;
  const rows: Row[] = [
    person(symbol, number, "00", name, kanaName, birthDate, "本人", "M"),
    person(symbol, number, "01", "健保 花子", "ケンポ ハナコ", "1982-07-15", "妻", "F"),
    person(symbol, number, "02", "健保 翔子", "ケンポ ショウコ", "2008-11-03", "子", "F"),
    person(symbol, number, "03", "健保 次郎", "ケンポ ジロウ", "2012-05-20", "子", "M"),
  ];
  for (let i = 0; i < 40; i++) {
    const [family, familyKana] = FAMILY[i % FAMILY.length].split(":");
    const [given, givenKana] = GIVEN[(i * 7) % GIVEN.length].split(":");
    const num = `jvc${String(1000 + i).padStart(4, "0")}`;
    const sym = String((i % 3) + 1).padStart(2, "0");
    const year = 1960 + ((i * 3) % 40);
    const male = i % 2 === 0;
    rows.push(person(sym, num, "00", `${family} ${given}`, `${familyKana} ${givenKana}`, `${year}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`, "本人", male ? "M" : "F"));
    if (i % 3 === 0) rows.push(person(sym, num, "01", `${family} 恵子`, `${familyKana} ケイコ`, `${year + 2}-03-10`, male ? "妻" : "夫", male ? "F" : "M"));
    if (i % 4 === 0) rows.push(person(sym, num, "02", `${family} 陽菜`, `${familyKana} ヒナ`, `${Math.min(year + 30, 2020)}-08-08`, "子", "F"));
  }
  return rows;
}

const DEMO_ISSUER = "被扶養者資格調査(デモ)";

export interface DemoResult {
  created: boolean;
  /** The demo operator's otpauth URI (every start, so a newcomer can always add it again). */
  totpUri?: string;
  /** Only when created: the operator's credentials, to be shown once. */
  admin?: { loginId: string; password: string; totpUri: string };
}

/** `authSecret` encrypts the demo admin's TOTP secret (the server must run with the same one). */
export async function seedDemo(db: Db, authSecret: string, clock: Clock = systemClock): Promise<DemoResult> {
  const existing = await db.select({ id: unions.id }).from(unions).limit(1);
  if (existing.length > 0) return { created: false, totpUri: await demoAdminUri(db, authSecret) };
  const admin = await db.transaction(async (tx) => {
    const created = await createUnionWithTerms(tx, clock, {
      code: DEMO_MEMBER.insurerCode,
      name: "JKCデモ健康保険組合",
      callCenterPhone: "050-0000-3292",
      callCenterHours: "平日 10:00〜17:00(12:00〜13:00、土日祝日を除く)",
      supportEmail: "support@jkc-demo.example.jp",
      senderEmail: "no-reply@jkc-demo.example.jp",
    });
    if (!created.ok) throw new Error(`the demo union ${DEMO_MEMBER.insurerCode} exists already`);
    const unionId = created.union.id;
    await tx.insert(rosterEntries).values(demoRoster().map((r) => ({ ...r, unionId, kanaKey: normalizeKanaName(r.kanaName) })));
    return createAdmin(tx, { loginId: DEMO_ADMIN_LOGIN_ID, email: "operator@jkc-demo.example.jp", authSecret });
  });
  await openDemoSurvey(db, clock);
  const uri = totpUri(admin.loginId, admin.totpSecret, DEMO_ISSUER);
  return { created: true, totpUri: uri, admin: { loginId: admin.loginId, password: admin.password, totpUri: uri } };
}

const DAY = 86_400_000;

/**
 * The demo's survey, open around the day the demo is loaded (a week ago to a month ahead), so the
 * demo and the e2e suite have an open survey whatever the date. Its title follows the fiscal year.
 */
export async function openDemoSurvey(db: Db, clock: Clock) {
  const now = clock.now().getTime();
  const opensOn = todayInJapan(new Date(now - 7 * DAY));
  const closesOn = todayInJapan(new Date(now + 30 * DAY));
  const [union] = await db.select({ id: unions.id }).from(unions).where(eq(unions.code, DEMO_MEMBER.insurerCode));
  const reiwa = fiscalYearOf(opensOn) - 2018;
  const result = await openSurvey(db, clock, { unionId: union.id, title: `令和${reiwa}年度 被扶養者資格調査`, opensOn, closesOn });
  if (!result.ok) throw new Error(`demo survey: ${result.message}`);
  return result.survey;
}

/**
 * Whether the demo may be loaded. A production server (NODE_ENV=production) refuses, since the demo
 * roster's people are published in the README and anyone could sign up as them, unless
 * APP_DEMO_FORCE=1 says this is deliberate (a preview, the e2e run).
 */
export function demoRefusal(env: { NODE_ENV?: string; APP_DEMO_FORCE?: string } = process.env): string | null {
  if (env.NODE_ENV !== "production" || env.APP_DEMO_FORCE === "1") return null;
  return "APP_DEMO=1 (or --demo) under NODE_ENV=production would load the demo union, whose roster is published in the README; set APP_DEMO_FORCE=1 as well if this is deliberate (a preview or a test run).";
}

/** The demo operator's otpauth URI on every start, so a newcomer can always log in (demo data only). */
async function demoAdminUri(db: Db, authSecret: string): Promise<string | undefined> {
  const [admin] = await db.select({ totpSecret: admins.totpSecret }).from(admins).where(eq(admins.loginId, DEMO_ADMIN_LOGIN_ID));
  if (!admin) return undefined;
  try {
    return totpUri(DEMO_ADMIN_LOGIN_ID, decryptTotpSecret(admin.totpSecret, authSecret), DEMO_ISSUER);
  } catch {
    return undefined; // made under another AUTH_SECRET
  }
}

export function demoInstructions(url: string): string {
  const m = DEMO_MEMBER;
  return [
    `Demo union "${m.insurerCode}" is ready. Sign up as the manual's example member at ${url}/signup:`,
    `  保険者指定コード ${m.insurerCode} / 記号 ${m.symbol} / 番号 ${m.number} / 生年月日 ${m.birthDate} / 氏名(カナ) ${m.kanaName}`,
    `  The 認証番号 arrives in the built-in mailbox: ${url}/dev/mailbox`,
  ].join("\n");
}
