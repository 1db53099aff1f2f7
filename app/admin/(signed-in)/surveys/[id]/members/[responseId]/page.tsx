import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { loadReview } from "@/lib/survey/admin-review";
import { systemClock } from "@/lib/clock";
import { surveyIdParam } from "@/lib/survey/admin-surveys";
import { isReopened, windowPhase } from "@/lib/survey/window";
import { reopenedLastDay } from "@/lib/survey/reopen";
import { todayInJapan } from "@/lib/validation/fields";
import { OUTCOMES, STATUS_LABELS, type ResponseStatus } from "@/lib/survey/status";
import { jst, PageTitle } from "../../../../_components/admin-ui";
import { Documents } from "./documents";
import { ReopenForm } from "./reopen-form";
import { ReviewForm } from "./review-form";

export const metadata: Metadata = { title: "回答の確認" };

export default async function ReviewPage({ params, searchParams }: { params: Promise<{ id: string; responseId: string }>; searchParams: Promise<{ done?: string }> }) {
  const scope = await requireAdmin();
  const { id, responseId } = await params;
  const c = await loadReview(await getDb(), scope, surveyIdParam(id), surveyIdParam(responseId));
  if (!c) notFound();
  const { done } = await searchParams;
  const status = c.response.status as ResponseStatus;
  const now = systemClock.now();
  const closed = windowPhase(c.survey, now) === "after";
  const reopened = isReopened(c.response, now);
  const householdFiles = c.files.filter((f) => f.dependentId === null);
  const householdDeletions = c.deletions.filter((d) => d.dependentId === null);
  const DONE: Record<string, string> = {
    approve: "承認しました(確認完了)。",
    return: "差し戻しました。会員に理由をメールで知らせます。",
    deleted: "書類を削除しました。会員に、もう一度アップロードするようメールで知らせます。",
    reopen: "この回答の受付を再開しました。会員にメールで知らせます。",
  };
  return (
    <div className="space-y-8">
      <PageTitle sub={`${c.insured.symbol}-${c.insured.number} ・ ${STATUS_LABELS[status] ?? status}`}>{c.insured.name} さんの回答</PageTitle>
      <p>
        <Link className="text-blue-900 underline" href={`/admin/surveys/${c.survey.id}`}>
          {c.survey.title}の進み具合へ戻る
        </Link>
      </p>
      {done && Object.hasOwn(DONE, done) && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 text-success-2">
          {DONE[done]}
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
        {c.response.reopenedUntil && (
          <div>
            <dt className="text-sm font-bold">受付の再開</dt>
            <dd>{reopened ? `${reopenedLastDay(c.response.reopenedUntil)} まで再開中` : `${reopenedLastDay(c.response.reopenedUntil)} で終了`}</dd>
          </div>
        )}
        {c.response.returnedReason && (
          <div>
            <dt className="text-sm font-bold">前回の差し戻し理由</dt>
            <dd className="whitespace-pre-wrap">{c.response.returnedReason}</dd>
          </div>
        )}
      </dl>
      {c.dependents.map((d) => (
        <section key={d.entry.id} aria-labelledby={`dep-${d.entry.id}`} className="grid gap-6 rounded-lg border border-solid-gray-300 p-4 lg:grid-cols-2">
          <div className="space-y-3">
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
          {d.outcome && (
            <p>
              結果:{OUTCOMES[d.outcome]}
              {d.removalDate ? `(削除日 ${d.removalDate})` : ""}(確認 {jst(d.reviewedAt)})
            </p>
          )}
          </div>
          <div id={`documents-${d.entry.id}`} className="space-y-2">
            <h3 className="font-bold">{d.entry.name} さんの書類</h3>
            <Documents
              surveyId={c.survey.id}
              responseId={c.response.id}
              required={d.documents}
              files={c.files.filter((f) => f.dependentId === d.entry.id)}
              deletions={c.deletions.filter((x) => x.dependentId === d.entry.id)}
              owner={`${d.entry.name} 様`}
            />
          </div>
        </section>
      ))}
      {(householdFiles.length > 0 || householdDeletions.length > 0) && (
        <section aria-labelledby="household" className="space-y-3 rounded-lg border border-solid-gray-300 p-4">
          <h2 id="household" className="text-lg font-bold">
            世帯の書類
          </h2>
          <Documents surveyId={c.survey.id} responseId={c.response.id} required={[]} files={householdFiles} deletions={householdDeletions} owner="世帯" />
        </section>
      )}
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
      {closed && status !== "approved" && (
        <section aria-labelledby="reopen" className="space-y-3 rounded-lg border border-solid-gray-300 p-4">
          <h2 id="reopen" className="text-lg font-bold">
            この回答の受付を再開する
          </h2>
          <p className="text-sm">回答期間は終了しています。再開すると、期限の日まで、この会員だけが回答の入力・書類のアップロード・提出をできます(他の会員は終了のままです)。</p>
          <ReopenForm surveyId={c.survey.id} responseId={c.response.id} defaultUntil={c.response.reopenedUntil && reopened ? reopenedLastDay(c.response.reopenedUntil) : todayInJapan(new Date(now.getTime() + 14 * 86_400_000))} />
        </section>
      )}
    </div>
  );
}
