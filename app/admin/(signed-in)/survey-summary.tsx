// The dashboard's survey panel: per survey a bar split by status (drawn on the server, no script,
// sizes as attributes for the CSP) and the same counts as a table, with a link to its progress page.
import Link from "next/link";
import type { DashboardSurvey } from "@/lib/survey/dashboard";
import { RESPONSE_STATUSES, STATUS_LABELS, type ResponseStatus } from "@/lib/survey/status";
import { DataTable, num } from "./_components/admin-ui";

const BAR_FILL: Record<ResponseStatus, string> = {
  not_started: "fill-solid-gray-300",
  in_progress: "fill-yellow-400",
  submitted: "fill-blue-500",
  returned: "fill-red-500",
  approved: "fill-green-700",
};
const SWATCH: Record<ResponseStatus, string> = {
  not_started: "bg-solid-gray-300",
  in_progress: "bg-yellow-400",
  submitted: "bg-blue-500",
  returned: "bg-red-500",
  approved: "bg-green-700",
};

const SURVEY_STATES: Record<string, string> = { open: "受付中", closed: "終了" };

function StatusBar({ survey }: { survey: DashboardSurvey }) {
  const { total, byStatus } = survey.counts;
  let x = 0;
  return (
    <svg viewBox="0 0 100 4" preserveAspectRatio="none" className="h-4 w-full max-w-3xl rounded bg-solid-gray-100" aria-hidden="true" focusable="false">
      {total > 0 &&
        RESPONSE_STATUSES.map((s) => {
          const w = (byStatus[s] / total) * 100;
          const rect = <rect key={s} x={x} y={0} width={w} height={4} className={BAR_FILL[s]} />;
          x += w;
          return rect;
        })}
    </svg>
  );
}

export function SurveySummary({ surveys, showUnion }: { surveys: DashboardSurvey[]; showUnion: boolean }) {
  return (
    <section aria-labelledby="surveys-title" className="space-y-3">
      <h2 id="surveys-title" className="text-lg font-bold">調査の進み具合</h2>
      {surveys.length === 0 ? (
        <p>受付を始めた調査はまだありません。<Link href="/admin/surveys" className="text-blue-900 underline">調査の準備</Link>から作成できます。</p>
      ) : (
        <>
          <ul className="flex flex-wrap gap-4 text-sm" aria-hidden="true">
            {RESPONSE_STATUSES.map((s) => (
              <li key={s} className="flex items-center gap-1">
                <span className={`inline-block h-3 w-3 rounded-sm ${SWATCH[s]}`} />
                {STATUS_LABELS[s]}
              </li>
            ))}
          </ul>
          <ul className="space-y-3">
            {surveys.map((s) => (
              <li key={s.id} className="space-y-1">
                <p className="font-bold">
                  {showUnion && `${s.unionName} `}
                  {s.title}({SURVEY_STATES[s.status] ?? s.status}、{s.opensOn}〜{s.closesOn})
                </p>
                <StatusBar survey={s} />
              </li>
            ))}
          </ul>
          <DataTable
            caption="調査ごとの回答状況"
            rows={surveys}
            rowKey={(s) => s.id}
            columns={[
              ...(showUnion ? [{ header: "組合", cell: (s: DashboardSurvey) => s.unionName }] : []),
              {
                header: "調査",
                cell: (s) => (
                  <Link href={`/admin/surveys/${s.id}`} className="text-blue-900 underline">
                    {s.title}
                  </Link>
                ),
              },
              { header: "対象世帯", cell: (s) => num(s.counts.total) },
              ...RESPONSE_STATUSES.map((st) => ({ header: STATUS_LABELS[st], cell: (s: DashboardSurvey) => num(s.counts.byStatus[st]) })),
              { header: "アカウント未登録", cell: (s) => num(s.counts.noAccount) },
            ]}
          />
        </>
      )}
    </section>
  );
}
