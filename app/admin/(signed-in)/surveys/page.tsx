import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { isOperator, selectedUnion } from "@/lib/admin/scope-params";
import { unionChoices } from "@/lib/admin/unions";
import { systemClock } from "@/lib/clock";
import { listSurveys } from "@/lib/survey/admin-surveys";
import { fiscalYearOf } from "@/lib/survey/open-survey";
import { todayInJapan } from "@/lib/validation/fields";
import { num, PageTitle, tableClass, tdClass, thClass } from "../_components/admin-ui";
import { UnionPicker } from "../_components/union-picker";
import { CreateSurveyForm } from "./forms";
import { SURVEY_STATUS_LABELS } from "./labels";

export const metadata: Metadata = { title: "調査" };

const reiwa = (fy: number) => `令和${fy - 2018}年度`;

export default async function SurveysPage({ searchParams }: { searchParams: Promise<{ union?: string }> }) {
  const scope = await requireAdmin();
  const { union } = await searchParams;
  const unionId = selectedUnion(scope, union);
  if (unionId === null) notFound();
  const db = await getDb();
  const [list, choices] = await Promise.all([listSurveys(db, scope, [unionId]), unionChoices(db, scope)]);
  const today = todayInJapan(systemClock.now());
  const fy = fiscalYearOf(today);
  const unionName = choices.find((c) => c.id === unionId)?.name ?? "";
  return (
    <div className="space-y-8">
      <PageTitle sub={unionName}>調査</PageTitle>
      {isOperator(scope) && <UnionPicker action="/admin/surveys" choices={choices} selected={unionId} />}
      <section aria-labelledby="surveys-list" className="space-y-3">
        <h2 id="surveys-list" className="text-lg font-bold">
          調査の一覧
        </h2>
        {list.length === 0 ? (
          <p>まだ調査はありません。下の「新しい調査」から作成してください。</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>年度</th>
                <th scope="col" className={thClass}>タイトル</th>
                <th scope="col" className={thClass}>状態</th>
                <th scope="col" className={thClass}>回答期間</th>
                <th scope="col" className={thClass}>対象の被扶養者</th>
                <th scope="col" className={thClass}>提出済み / 被保険者</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.survey.id}>
                  <td className={tdClass}>{r.survey.fiscalYear}年度</td>
                  <td className={tdClass}>
                    <Link className="text-blue-900 underline" href={`/admin/surveys/${r.survey.id}`}>
                      {r.survey.title}
                    </Link>
                  </td>
                  <td className={tdClass}>{SURVEY_STATUS_LABELS[r.survey.status] ?? r.survey.status}</td>
                  <td className={tdClass}>
                    {r.survey.opensOn} 〜 {r.survey.closesOn}
                  </td>
                  <td className={tdClass}>{num(r.targets)}</td>
                  <td className={tdClass}>{r.survey.status === "draft" ? "—" : `${num(r.submitted)} / ${num(r.responses)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="surveys-new" className="space-y-3">
        <h2 id="surveys-new" className="text-lg font-bold">
          新しい調査
        </h2>
        <p className="text-sm text-solid-gray-700">まず下書きを作り、対象者を確かめてから開始します。開始するまで会員には表示されず、メールも送られません。</p>
        <CreateSurveyForm unionId={unionId} defaults={{ title: `${reiwa(fy)} 被扶養者資格調査`, opensOn: today, closesOn: "" }} />
      </section>
    </div>
  );
}
