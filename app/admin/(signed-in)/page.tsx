import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { dashboardStats, signupsPerDay } from "@/lib/admin/dashboard";
import { requireAdmin } from "@/lib/admin/require-admin";
import { isOperator, unionInScope } from "@/lib/admin/scope-params";
import { unionChoices } from "@/lib/admin/unions";
import { systemClock } from "@/lib/clock";
import { dashboardSurveys } from "@/lib/survey/dashboard";
import { num, PageTitle } from "./_components/admin-ui";
import { UnionPicker } from "./_components/union-picker";
import { SignupChart } from "./signup-chart";
import { SurveySummary } from "./survey-summary";

export const metadata: Metadata = { title: "ダッシュボード" };

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-solid-gray-300 p-4">
      <dt className="text-sm font-bold text-solid-gray-700">{label}</dt>
      <dd className="text-2xl font-bold">{value}</dd>
      {note && <dd className="text-sm text-solid-gray-700">{note}</dd>}
    </div>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ union?: string }> }) {
  const scope = await requireAdmin();
  const { union } = await searchParams;
  const operator = isOperator(scope);
  // An operator sees every union together unless one is picked; a union admin sees their own.
  let unionIds = scope.unionIds;
  if (union !== undefined && union !== "") {
    const id = unionInScope(scope, union);
    if (id === null) notFound();
    unionIds = [id];
  } else if (!operator && scope.admin.unionId !== null) unionIds = [scope.admin.unionId];
  const db = await getDb();
  const [stats, days, choices, surveyRows] = await Promise.all([
    dashboardStats(db, systemClock, scope, unionIds),
    signupsPerDay(db, systemClock, scope, unionIds),
    unionChoices(db, scope),
    dashboardSurveys(db, scope, unionIds),
  ]);
  const title = unionIds.length === 1 ? (choices.find((c) => c.id === unionIds[0])?.name ?? "") : `すべての健康保険組合(${choices.length} 組合)`;
  const share = stats.accounts ? `${((stats.consented / stats.accounts) * 100).toFixed(1)}%` : "—";
  const query = unionIds.length === 1 ? `?union=${unionIds[0]}` : "";
  const sjis = query ? `${query}&encoding=sjis` : "?encoding=sjis";

  return (
    <div className="space-y-8">
      <PageTitle sub={title}>ダッシュボード</PageTitle>
      {operator && <UnionPicker action="/admin" choices={choices} selected={unionIds.length === 1 ? unionIds[0] : null} allLabel="すべての組合" />}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="名簿の被保険者(本人)" value={num(stats.insured)} />
        <Stat label="登録済みアカウント" value={num(stats.accounts)} />
        <Stat label="最新の利用規約に同意" value={share} note={`${num(stats.consented)} 人`} />
        <Stat label="ロック中" value={num(stats.locked)} />
      </dl>
      <SurveySummary surveys={surveyRows} showUnion={unionIds.length > 1} />
      <SignupChart days={days} />
      <section aria-labelledby="exports-title" className="space-y-2">
        <h2 id="exports-title" className="text-lg font-bold">CSV ダウンロード</h2>
        <p className="text-sm text-solid-gray-700">Excel でそのまま開けます(UTF-8 BOM 付き)。古い Excel では Shift_JIS 版をお使いください。</p>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <a className="text-blue-900 underline" href={`/admin/members.csv${query}`}>会員一覧(UTF-8)</a>
            {" / "}
            <a className="text-blue-900 underline" href={`/admin/members.csv${sjis}`}>会員一覧(Shift_JIS)</a>
          </li>
          <li>
            <a className="text-blue-900 underline" href={`/admin/audit.csv${query}`}>操作記録(UTF-8)</a>
            {" / "}
            <a className="text-blue-900 underline" href={`/admin/audit.csv${sjis}`}>操作記録(Shift_JIS)</a>
          </li>
        </ul>
      </section>
    </div>
  );
}
