import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { loadReview } from "@/lib/survey/admin-review";
import { surveyIdParam } from "@/lib/survey/admin-surveys";
import { DOCUMENT_KINDS } from "@/lib/survey/required-documents";
import { OUTCOMES, STATUS_LABELS, type ResponseStatus } from "@/lib/survey/status";
import { jst, PageTitle } from "../../../../_components/admin-ui";
import { ReviewForm } from "./review-form";

export const metadata: Metadata = { title: "回答の確認" };

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string; responseId: string }>; searchParams: Promise<{ done?: string }> }) {
  const scope = await requireAdmin();
  const { id, responseId } = await params;
  const c = await loadReview(await getDb(), scope, surveyIdParam(id), surveyIdParam(responseId));
  if (!c) notFound();
  const { done } = await searchParams;
  const status = c.response.status as ResponseStatus;
  return (
    <div className="space-y-8">
      <PageTitle sub={`${c.insured.symbol}-${c.insured.number} ・ ${STATUS_LABELS[status] ?? status}`}>{c.insured.name} さんの回答</PageTitle>
      <p>
        <Link className="text-blue-900 underline" href={`/admin/surveys/${c.survey.id}`}>
          {c.survey.title}の進み具合へ戻る
        </Link>
      </p>
      {done && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          {done === "approve" ? "承認しました(確認完了)。" : "差し戻しました。会員に理由をメールで知らせます。"}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-8 gap-y-1 lg:grid-cols-4">
        <div>
          <dt className="text-sm font-bold">状況</dt>
          <dd>{STATUS_LABELS[status] ?? status}</dd>
        </div>
        <div>
          <dt className="text-sm font-bold">提出日時</dt>
          <dd>{jst(c.response.submittedAt)}(提出 {c.response.submitCount} 回)</dd>
        </div>
        <div>
          <dt className="text-sm font-bold">アカウント</dt>
          <dd>{c.hasAccount ? "あり" : "未登録"}</dd>
        </div>
        {c.response.returnedReason && (
          <div>
            <dt className="text-sm font-bold">前回の差し戻し理由</dt>
            <dd className="whitespace-pre-wrap">{c.response.returnedReason}</dd>
          </div>
        )}
      </dl>
      {c.dependents.map((d) => (
        <section key={d.entry.id} aria-labelledby={`dep-${d.entry.id}`} className="space-y-3 rounded-lg border border-solid-gray-300 p-4">
          <h2 id={`dep-${d.entry.id}`} className="text-lg font-bold">
            {d.entry.name}({d.entry.relationship}・{d.entry.birthDate} 生)
          </h2>
          <table className="text-left text-sm">
            <tbody>
              {d.lines.map((l) => (
                <tr key={l.label}>
                  <th scope="row" className="py-1 pr-6 font-bold">
                    {l.label}
                  </th>
                  <td className="py-1">{l.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.rosterCorrection && <p className="whitespace-pre-wrap">登録内容の誤りの連絡:{d.rosterCorrection}</p>}
          {d.limitText && <p className="text-sm">会員に表示した目安:{d.limitText}</p>}
          {d.warnings.length > 0 && (
            <ul className="list-disc space-y-1 pl-6 font-bold text-error-2">
              {d.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <div>
            <h3 className="font-bold">書類</h3>
            {d.documents.length ? (
              <ul className="list-disc pl-6">
                {d.documents.map((k) => (
                  <li key={k}>{DOCUMENT_KINDS[k].label}</li>
                ))}
              </ul>
            ) : (
              <p>必要な書類はありません。</p>
            )}
            <p className="text-sm text-solid-gray-700">書類の表示は次の更新で対応します</p>
          </div>
          {d.outcome && (
            <p>
              結果:{OUTCOMES[d.outcome]}
              {d.removalDate ? `(削除日 ${d.removalDate})` : ""}(確認 {jst(d.reviewedAt)})
            </p>
          )}
        </section>
      ))}
      {status === "submitted" ? (
        <section aria-labelledby="decide" className="space-y-3">
          <h2 id="decide" className="text-lg font-bold">
            確認の結果
          </h2>
          <ReviewForm surveyId={c.survey.id} responseId={c.response.id} version={c.response.version} dependents={c.dependents.map((d) => ({ id: d.entry.id, name: d.entry.name, outcome: d.outcome, removalDate: d.removalDate }))} />
        </section>
      ) : (
        <p>{status === "approved" ? "この回答は確認完了です。" : "会員が提出すると、ここで承認・差し戻しができます。"}</p>
      )}
    </div>
  );
}
