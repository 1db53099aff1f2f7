// Cumulative submissions and approvals per day, drawn on the server like the dashboard's sign-up
// chart (app/admin/(signed-in)/signup-chart.tsx): no script, sizes as attributes, and the same
// figures as a table for screen readers and for anyone who wants the numbers.
import type { DayProgress } from "@/lib/survey/progress";
import { tableClass, tdClass, thClass } from "../../_components/admin-ui";

const W = 720;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 32, left: 56 };

const label = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
const num = (n: number) => n.toLocaleString("ja-JP");

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

export function ProgressChart({ days, total }: { days: DayProgress[]; total: number }) {
  if (!days.length) return <p>回答期間が始まると、ここに 1 日ごとの進み具合が表示されます。</p>;
  const max = niceMax(Math.max(total, ...days.map((d) => d.submitted)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length === 1 ? innerW / 2 : (i / (days.length - 1)) * innerW);
  const y = (n: number) => PAD.top + innerH * (1 - n / max);
  const line = (pick: (d: DayProgress) => number) => days.map((d, i) => `${x(i).toFixed(1)},${y(pick(d)).toFixed(1)}`).join(" ");
  const tick = Math.max(1, Math.ceil(days.length / 8));
  const lastDay = days[days.length - 1];
  return (
    <figure className="space-y-2">
      <figcaption className="font-bold">
        提出と確認完了の累計({days[0].day} 〜 {lastDay.day}、対象 {num(total)} 世帯)
      </figcaption>
      <p className="flex gap-6 text-sm">
        <span>
          <span className="inline-block h-1 w-6 bg-blue-700 align-middle" aria-hidden="true" /> 提出済み(累計){num(lastDay.submitted)}
        </span>
        <span>
          <span className="inline-block h-1 w-6 bg-success-1 align-middle" aria-hidden="true" /> 確認完了(累計){num(lastDay.approved)}
        </span>
      </p>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-3xl" aria-hidden="true" focusable="false">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(max * f)} y2={y(max * f)} className="stroke-solid-gray-200" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(max * f) + 4} textAnchor="end" className="fill-solid-gray-700 text-[11px]">
              {num(Math.round(max * f))}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % tick === 0 || i === days.length - 1 ? (
            <text key={d.day} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" className="fill-solid-gray-700 text-[11px]">
              {label(d.day)}
            </text>
          ) : null,
        )}
        <polyline points={line((d) => d.submitted)} fill="none" className="stroke-blue-700" strokeWidth={2.5} />
        <polyline points={line((d) => d.approved)} fill="none" className="stroke-success-1" strokeWidth={2.5} strokeDasharray="6 3" />
      </svg>
      <details>
        <summary className="cursor-pointer text-blue-900 underline">表で見る</summary>
        <table className={`${tableClass} max-w-md`}>
          <caption className="sr-only">1 日ごとの提出と確認完了(累計)</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>日付</th>
              <th scope="col" className={thClass}>提出済み(累計)</th>
              <th scope="col" className={thClass}>確認完了(累計)</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className={tdClass}>{d.day}</td>
                <td className={tdClass}>{num(d.submitted)}</td>
                <td className={tdClass}>{num(d.approved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
