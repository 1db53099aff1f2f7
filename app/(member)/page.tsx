import type { Metadata } from "next";
import Link from "next/link";
import { ContactDetails } from "@/app/_components/mail-help";
import { LogoutButton } from "@/app/_components/logout-button";
import { formatJapaneseDate } from "@/lib/survey/window";
import { STATUS_LABELS } from "@/lib/survey/status";
import { memberSurvey } from "./survey/_components/load";

export const metadata: Metadata = { title: "トップページ" };

export default async function TopPage() {
  const { me, survey: s, latest } = await memberSurvey();
  const { entry, union } = me;
  return (
    <section className="space-y-6">
      <div>
        <p className="text-sm text-solid-gray-700">{union.name}</p>
        <h1 className="text-2xl font-bold">{entry.name} 様</h1>
      </div>

      <section aria-labelledby="survey" className="space-y-2 rounded-lg border-2 border-blue-900 p-4">
        <h2 id="survey" className="text-lg font-bold">{latest?.title ?? "被扶養者資格調査"}</h2>
        {!s ? (
          <p>{latest ? "今回の調査の対象となる被扶養者はいません。回答の必要はありません。" : "現在、回答する調査はありません。調査が始まったら、この画面から回答できます。"}</p>
        ) : (
          <>
            <p>
              回答期間: {formatJapaneseDate(s.survey.opensOn)} 〜 {formatJapaneseDate(s.survey.closesOn)}
            </p>
            <p>
              状況: <strong>{STATUS_LABELS[s.status]}</strong>
            </p>
            <p>{nextStep(s)}</p>
            {s.phase !== "before" && (
              <Link href="/survey" className="block rounded-lg bg-blue-900 px-4 py-3 text-center text-lg font-bold text-white">
                {s.status === "not_started" ? "回答をはじめる" : s.editable ? "回答を続ける" : "回答内容を見る"}
              </Link>
            )}
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

function nextStep(s: NonNullable<Awaited<ReturnType<typeof memberSurvey>>["survey"]>): string {
  if (s.status === "approved") return "健康保険組合の確認が完了しました。ご協力ありがとうございました。";
  if (s.status === "submitted") return "提出済みです。健康保険組合で確認しています。";
  if (s.status === "returned") return "健康保険組合から差し戻されました。理由を確認して、回答を直してください。";
  if (s.phase === "before") return "回答期間が始まったら、この画面から回答できます。";
  if (s.phase === "after") return "回答期間は終了しました。健康保険組合にお問い合わせください。";
  const left = s.dependents.filter((d) => d.state !== "done").length;
  if (left > 0) return `被扶養者 ${s.dependents.length} 人のうち、${left} 人の回答が残っています。`;
  if (!s.response.documentsReadAt) return "次は、提出する書類を確認してください。";
  return "次は、回答を確認して提出してください。";
}
