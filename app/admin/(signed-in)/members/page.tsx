import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/admin/(signed-in)/_components/admin-ui";
import { Pagination } from "@/app/admin/_components/pagination";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { memberSearchParams, searchMembers } from "@/lib/admin/members/search";
import { systemClock } from "@/lib/clock";

export const metadata: Metadata = { title: "加入者" };

type Row = Awaited<ReturnType<typeof searchMembers>>["rows"][number];

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requireAdmin();
  const search = memberSearchParams.parse(await searchParams);
  const result = await searchMembers(await getDb(), scope, search);
  const now = systemClock.now();
  const hrefFor = (page: number) => `/admin/members?${new URLSearchParams({ q: search.q, page: String(page) })}`;
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">加入者</h1>
      <form method="get" action="/admin/members" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-80 grow space-y-1">
          <label htmlFor="q" className="block font-bold">
            検索
          </label>
          <p id="q-hint" className="text-sm text-solid-gray-700">
            記号・番号(例: 01-jvc0211)、氏名(カナ)、ユーザーID、メールアドレスのどれかを入力してください。
          </p>
          <input id="q" name="q" type="search" defaultValue={search.q} aria-describedby="q-hint" className="block w-full rounded-lg border border-solid-gray-600 bg-white px-3 py-2 text-base" />
        </div>
        <button type="submit" className="rounded-lg bg-blue-900 px-6 py-2 text-lg font-bold text-white hover:bg-blue-1000">
          検索
        </button>
      </form>

      {result.total === 0 ? (
        <p role="status" className="rounded-lg border border-solid-gray-600 p-3">
          該当する加入者はいません。
        </p>
      ) : (
        <>
          <DataTable
            caption="加入者の検索結果"
            rows={result.rows}
            rowKey={(r) => r.rosterEntryId}
            columns={[
              ...(scope.admin.role === "operator" ? [{ header: "組合", cell: (r: Row) => r.unionName }] : []),
              {
                header: "記号・番号",
                cell: (r) => (
                  <Link href={`/admin/members/${r.rosterEntryId}`} className="font-bold text-blue-900 underline">
                    {r.symbol}-{r.number}
                  </Link>
                ),
              },
              { header: "氏名", cell: (r) => r.name },
              { header: "氏名(カナ)", cell: (r) => r.kanaName },
              { header: "生年月日", cell: (r) => r.birthDate },
              { header: "ユーザーID", cell: (r) => r.userId ?? "未登録" },
              { header: "状態", cell: (r) => statusOf(r, now) },
            ]}
          />
          <Pagination page={result.page} pages={result.pages} total={result.total} hrefFor={hrefFor} />
        </>
      )}
    </section>
  );
}

function statusOf(r: { active: boolean; memberId: number | null; lockedUntil: Date | null; disabledAt: Date | null }, now: Date): string {
  const parts: string[] = [];
  if (!r.active) parts.push("名簿で無効");
  if (r.memberId == null) parts.push("アカウントなし");
  if (r.disabledAt) parts.push("利用停止中");
  if (r.lockedUntil && r.lockedUntil > now) parts.push("ロック中");
  return parts.join("・") || "利用中";
}
