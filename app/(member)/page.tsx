import type { Metadata } from "next";
import Link from "next/link";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "@/db";
import { rosterEntries } from "@/db/schema";
import { ContactDetails } from "@/app/_components/mail-help";
import { LogoutButton } from "@/app/_components/logout-button";
import { requireMember } from "@/lib/auth/current-member";
import { formatJapaneseDate, surveyPhase } from "@/lib/survey/window";

export const metadata: Metadata = { title: "トップページ" };

export default async function TopPage() {
  const { entry, union } = await requireMember();
  const db = await getDb();
  const dependents = await db
    .select()
    .from(rosterEntries)
    .where(and(eq(rosterEntries.unionId, union.id), eq(rosterEntries.symbol, entry.symbol), eq(rosterEntries.number, entry.number), ne(rosterEntries.branch, "00"), eq(rosterEntries.active, true)))
    .orderBy(asc(rosterEntries.branch));
  const phase = surveyPhase(union, new Date());
  return (
    <section className="space-y-6">
      <div>
        <p className="text-sm text-solid-gray-700">{union.name}</p>
        <h1 className="text-2xl font-bold">{entry.name} 様</h1>
      </div>

      <section aria-labelledby="survey" className="space-y-2 rounded-lg border-2 border-blue-900 p-4">
        <h2 id="survey" className="text-lg font-bold">被扶養者資格調査</h2>
        {union.surveyOpensOn && union.surveyClosesOn && (
          <p>
            回答期間: {formatJapaneseDate(union.surveyOpensOn)} 〜 {formatJapaneseDate(union.surveyClosesOn)}
          </p>
        )}
        <p>
          状況: <strong>未回答</strong>
        </p>
        <p>{phase === "before" ? "回答期間が始まったら、この画面から回答できます。" : phase === "after" ? "回答期間は終了しました。健康保険組合にお問い合わせください。" : "被扶養者ごとに、現在の状況の確認をお願いします。回答画面は健康保険組合の準備が整いしだい、この画面に表示されます。"}</p>
        {dependents.length > 0 && (
          <>
            <h3 className="pt-2 font-bold">調査の対象となる被扶養者</h3>
            <ul className="list-disc pl-5">
              {dependents.map((d) => (
                <li key={d.id}>
                  {d.name}({d.relationship})
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <nav aria-label="アカウント" className="space-y-3">
        <Link href="/account" className="block rounded-lg border-2 border-blue-900 px-4 py-3 text-center font-bold text-blue-900">
          アカウント設定(パスワード・メールアドレス)
        </Link>
        <LogoutButton />
      </nav>

      <section aria-labelledby="contact" className="rounded-lg bg-solid-gray-50 p-4">
        <h2 id="contact" className="font-bold">お問い合わせ</h2>
        <ContactDetails contact={union} />
      </section>
    </section>
  );
}
