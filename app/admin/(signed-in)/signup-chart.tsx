// Sign-ups per day as an SVG drawn on the server: no chart library and no script reach the
// browser, sizes are attributes (a strict CSP allows no inline styles), and the same figures are
// offered as a table for screen readers and for anyone who wants the numbers.
import type { DayCount } from "@/lib/admin/dashboard";
import { tableClass, tdClass, thClass } from "./_components/admin-ui";

const W = 720;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 32, left: 40 };

const label = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const step = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / step) * step;
}

export function SignupChart({ days }: { days: DayCount[] }) {
  const max = niceMax(Math.max(0, ...days.map((d) => d.count)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / days.length;
  const total = days.reduce((s, d) => s + d.count, 0);
  return (
    <figure className="space-y-2">
      <figcaption className="font-bold">
        1 日ごとの新規登録(直近 {days.length} 日、合計 {total.toLocaleString("ja-JP")} 件)
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-3xl" aria-hidden="true" focusable="false">
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + innerH * (1 - f);
          return (
            <g key={f}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} className="stroke-solid-gray-200" strokeWidth={1} />
              <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="fill-solid-gray-700 text-[11px]">
                {Math.round(max * f).toLocaleString("ja-JP")}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const h = max ? (d.count / max) * innerH : 0;
          const x = PAD.left + i * slot + slot * 0.15;
          return (
            <g key={d.day}>
              <rect x={x} y={PAD.top + innerH - h} width={slot * 0.7} height={h} className="fill-blue-700" />
              {(i % 7 === 0 || i === days.length - 1) && (
                <text x={x + slot * 0.35} y={H - PAD.bottom + 16} textAnchor="middle" className="fill-solid-gray-700 text-[11px]">
                  {label(d.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <details>
        <summary className="cursor-pointer text-blue-900 underline">表で見る</summary>
        <table className={`${tableClass} max-w-sm`}>
          <caption className="sr-only">1 日ごとの新規登録</caption>
          <thead>
            <tr>
              <th scope="col" className={thClass}>日付</th>
              <th scope="col" className={thClass}>新規登録</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className={tdClass}>{d.day}</td>
                <td className={tdClass}>{d.count.toLocaleString("ja-JP")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
