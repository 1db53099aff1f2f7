// Small presentational pieces shared by the admin pages (tables, numbers, times in JST).
import type { ReactNode } from "react";

export const jst = (d: Date | null | undefined) =>
  d
    ? new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false }).format(d)
    : "—";

export const num = (n: number | null | undefined) => (n == null ? "—" : n.toLocaleString("ja-JP"));

export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <div className="mb-6 space-y-1">
      <h1 className="text-2xl font-bold">{children}</h1>
      {sub && <p className="text-solid-gray-700">{sub}</p>}
    </div>
  );
}

export const tableClass = "w-full border-collapse text-left text-sm";
export const thClass = "border-b-2 border-solid-gray-400 px-3 py-2 font-bold";
export const tdClass = "border-b border-solid-gray-200 px-3 py-2 align-top";
export const primaryButton = "rounded-lg bg-blue-900 px-5 py-2 font-bold text-white hover:bg-blue-1000 disabled:opacity-60";
export const secondaryButton = "rounded-lg border border-blue-900 px-4 py-2 font-bold text-blue-900 hover:bg-blue-50";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Extra classes for this column's cells (e.g. `whitespace-nowrap`). */
  className?: string;
}

/**
 * One table of records: header cells with scope, a caption for screen readers, horizontal scroll on
 * a narrow screen. Server-rendered; the cell functions never reach the browser.
 */
export function DataTable<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string | number }) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={thClass}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={c.className ? `${tdClass} ${c.className}` : tdClass}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
