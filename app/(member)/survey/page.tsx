import type { Metadata } from "next";
import Link from "next/link";
import { ContactDetails } from "@/app/_components/mail-help";
import { formatJst } from "@/lib/errors";
import { DOCUMENT_KINDS } from "@/lib/survey/required-documents";
import { systemClock } from "@/lib/clock";
import { reopenedLastDay } from "@/lib/survey/reopen";
import { formatJapaneseDate, isReopened } from "@/lib/survey/window";
import { myNumberDeletions } from "@/lib/uploads/deleted-by-union";
import { filesLocked } from "@/lib/uploads/upload-target";
import { memberSurvey } from "./_components/load";
import { MyNumberNotice } from "./_components/my-number-notice";
import { ReturnedNotice, StatusBadge, TaskBadge } from "./_components/parts";
import { LeanPage } from "@/app/_components/lean-page";

export const metadata: Metadata = { title: "被扶養者資格調査" };

export default async function SurveyHub({ searchParams }: { searchParams: Promise<{ submitted?: string }> }) {
  const { me, db, survey: s, latest } = await memberSurvey();
  const { submitted } = await searchParams;
  const contact = (
    <section aria-labelledby="contact" className="rounded-lg bg-solid-gray-50 p-4">
      <h2 id="contact" className="font-bold">お問い合わせ</h2>
      <ContactDetails contact={me.union} />
    </section>
  );
  if (!s) {
    return (
      <section className="space-y-5">
      <LeanPage />
        <h1 className="text-2xl font-bold">{latest?.title ?? "被扶養者資格調査"}</h1>
        <p role="status">{latest ? "今回の調査の対象となる被扶養者はいません。回答の必要はありません。" : "現在、回答する調査はありません。調査が始まったら、この画面から回答できます。"}</p>
        {contact}
      </section>
    );
  }
  const { survey, phase, status, response } = s;
  const deadline = `${formatJapaneseDate(survey.closesOn)}まで`;
  const deletions = await myNumberDeletions(db, response.id);
  const now = systemClock.now();
  const reopened = isReopened(response, now);
  const uploadable = !filesLocked(status, survey.status, { reopenedUntil: response.reopenedUntil, now });
  return (
    <section className="space-y-5">
      <LeanPage />
      <div>
        <h1 className="text-2xl font-bold">{survey.title}</h1>
        <p className="mt-2">
          状況: <StatusBadge status={status} />
        </p>
        <p className="mt-1">回答期限: {deadline}</p>
      </div>
      {submitted === "1" && status === "submitted" && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          提出しました。受付のメールをお送りしました。
        </p>
      )}
      {status === "returned" && <ReturnedNotice reason={response.returnedReason} />}
      <MyNumberNotice deletions={deletions} names={new Map(s.dependents.map((d) => [d.entry.id, d.entry.name]))} link uploadable={uploadable} />
      {reopened && response.reopenedUntil && (
        <p role="status" className="rounded-lg border-2 border-blue-900 bg-blue-50 p-3 font-bold">
          健康保険組合が、あなたの回答の受付を再開しました。{formatJapaneseDate(reopenedLastDay(response.reopenedUntil))}まで、回答の入力・書類の提出ができます。
        </p>
      )}
      {phase === "before" && (
        <p role="status" className="rounded-lg bg-solid-gray-50 p-3">
          回答期間は {formatJapaneseDate(survey.opensOn)} からです。期間が始まったら、この画面から回答できます。
        </p>
      )}
      {phase === "after" && status !== "returned" && status !== "submitted" && status !== "approved" && (
        <p role="status" className="rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2">
          回答期間は終了しました。回答がお済みでない場合は、健康保険組合にお問い合わせください。
        </p>
      )}
      {(status === "submitted" || status === "approved") && (
        <p className="rounded-lg bg-solid-gray-50 p-3">
          {status === "approved" ? "健康保険組合の確認が完了しました。ご協力ありがとうございました。" : `${response.submittedAt ? formatJst(response.submittedAt) : ""} に提出しました。健康保険組合で確認しています。`}
          書類は、健康保険組合の確認が終わるまで、追加や差し替えができます。
        </p>
      )}
      {phase !== "before" && (
        <>
          <p className="text-sm">今回の調査の対象となる方だけを表示しています。ご自身で追加する必要はありません。</p>
          <ol className="space-y-3" aria-label="回答の手順">
            {s.dependents.map((d) => (
              <li key={d.entry.id} className="rounded-lg border border-solid-gray-300 p-4">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/survey/dependents/${d.entry.id}`} className="font-bold text-blue-900 underline">
                    {d.entry.name}({d.entry.relationship})の回答
                  </Link>
                  <TaskBadge state={d.state} />
                </div>
                {d.state !== "done" && Object.keys(d.missing).length > 0 && <p className="mt-1 text-sm">未入力: {Object.values(d.missing).length}項目</p>}
                {d.documents.length > 0 && <p className="mt-1 text-sm">必要な書類: {d.documents.map((k) => DOCUMENT_KINDS[k].label).join("、")}</p>}
              </li>
            ))}
            <li className="rounded-lg border border-solid-gray-300 p-4">
              <div className="flex items-start justify-between gap-2">
                <Link href="/survey/documents" className="font-bold text-blue-900 underline">
                  書類
                </Link>
                <TaskBadge state={s.documentsState} />
              </div>
              {!response.documentsReadAt && <p className="mt-1 text-sm">必要な書類の一覧を確認してください。</p>}
            </li>
            <li className="rounded-lg border border-solid-gray-300 p-4">
              <div className="flex items-start justify-between gap-2">
                <Link href="/survey/confirm" className="font-bold text-blue-900 underline">
                  確認・提出
                </Link>
                <TaskBadge state={s.confirmState} />
              </div>
              {!s.readyToSubmit && s.confirmState !== "done" && <p className="mt-1 text-sm">すべての回答と書類の確認が終わると提出できます。</p>}
            </li>
          </ol>
        </>
      )}
      <Link href="/" className="inline-block py-2 text-blue-900 underline">
        トップページに戻る
      </Link>
      {contact}
    </section>
  );
}
