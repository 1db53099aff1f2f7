import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/app/admin/_components/pagination";
import { DataTable } from "@/app/admin/(signed-in)/_components/admin-ui";
import { getDb } from "@/db";
import { adminReason, auditSearchParams, searchAudit } from "@/lib/admin/audit/search";
import { jst } from "@/lib/admin/format";
import { AUDIT_EVENTS, eventLabel } from "@/lib/admin/labels";
import { requireAdmin } from "@/lib/admin/require-admin";

export const metadata: Metadata = { title: "監査ログ" };

type AuditRow = Awaited<ReturnType<typeof searchAudit>>["rows"][number];

function actorOf(r: AuditRow): string {
  if (r.actorType === "admin") return `管理者 ${r.actorLoginId ?? `#${r.actorId}`}`;
  if (r.actorType === "member") return `加入者 ${r.subjectUserId ?? `#${r.actorId}`}`;
  return r.actorType === "system" ? "システム" : "不明(未登録のID)";
}

const inputClass = "block w-full rounded-lg border border-solid-gray-600 bg-white px-3 py-2 text-base";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requireAdmin();
  const search = auditSearchParams.parse(await searchParams);
  const result = await searchAudit(await getDb(), scope, search);
  const query = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ["event", "actor", "member", "from", "to"] as const) if (search[key]) params.set(key, search[key]!);
    params.set("page", String(page));
    return `/admin/audit?${params}`;
  };
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">監査ログ</h1>
      <p className="text-sm">管理者の操作とログインなどの記録です。記録は変更も削除もできません。日時は日本時間です。</p>
      <form method="get" action="/admin/audit" className="grid items-end gap-3 md:grid-cols-3 xl:grid-cols-6">
        <div className="space-y-1">
          <label htmlFor="event" className="block font-bold">内容</label>
          <select id="event" name="event" defaultValue={search.event} className={inputClass}>
            <option value="">すべて</option>
            {Object.entries(AUDIT_EVENTS).map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="actor" className="block font-bold">操作した管理者(管理者ID)</label>
          <input id="actor" name="actor" defaultValue={search.actor} className={inputClass} autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="space-y-1">
          <label htmlFor="member" className="block font-bold">加入者(ユーザーID)</label>
          <input id="member" name="member" defaultValue={search.member} className={inputClass} autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="space-y-1">
          <label htmlFor="from" className="block font-bold">開始日</label>
          <input id="from" name="from" type="date" defaultValue={search.from} className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="to" className="block font-bold">終了日</label>
          <input id="to" name="to" type="date" defaultValue={search.to} className={inputClass} />
        </div>
        <button type="submit" className="rounded-lg bg-blue-900 px-6 py-2 text-lg font-bold text-white hover:bg-blue-1000">
          絞り込む
        </button>
      </form>

      {result.total === 0 ? (
        <p role="status" className="rounded-lg border border-solid-gray-600 p-3">該当する記録はありません。</p>
      ) : (
        <>
          <DataTable
            caption="監査ログ"
            rows={result.rows}
            rowKey={(r) => r.id}
            columns={[
              { header: "日時", cell: (r) => jst(r.at), className: "whitespace-nowrap" },
              { header: "内容", cell: (r) => eventLabel(r.event) },
              { header: "操作した人", cell: actorOf },
              {
                header: "対象",
                cell: (r) =>
                  r.subjectRosterEntryId ? (
                    <Link href={`/admin/members/${r.subjectRosterEntryId}`} className="text-blue-900 underline">
                      {r.subjectUserId}
                    </Link>
                  ) : (
                    "—"
                  ),
              },
              { header: "組合", cell: (r) => r.unionName ?? "—" },
              { header: "IPアドレス", cell: (r) => r.ip ?? "—" },
              { header: "理由", cell: (r) => adminReason(r) ?? "—" },
            ]}
          />
          <Pagination page={result.page} pages={result.pages} total={result.total} hrefFor={query} />
        </>
      )}
    </section>
  );
}
