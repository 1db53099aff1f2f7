import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { requireOperator } from "@/lib/admin/require-admin";
import { listUnions } from "@/lib/admin/unions";
import { jst, PageTitle, tableClass, tdClass, thClass } from "../_components/admin-ui";
import { UnionForm } from "./union-form";

export const metadata: Metadata = { title: "組合" };

export default async function UnionsPage() {
  const scope = await requireOperator();
  const rows = await listUnions(await getDb(), scope);
  return (
    <div className="space-y-10">
      <PageTitle sub="サービスを使う健康保険組合の一覧です。">組合</PageTitle>
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col" className={thClass}>保険者指定コード</th>
              <th scope="col" className={thClass}>組合名</th>
              <th scope="col" className={thClass}>登録日時</th>
              <th scope="col" className={thClass}><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td className={tdClass}>{u.code}</td>
                <td className={tdClass}>{u.name}</td>
                <td className={tdClass}>{jst(u.createdAt)}</td>
                <td className={tdClass}>
                  <Link className="text-blue-900 underline" href={`/admin/unions/${u.id}`}>
                    編集<span className="sr-only">({u.name})</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="new-union-title" className="space-y-4">
        <h2 id="new-union-title" className="text-lg font-bold">組合を登録する</h2>
        <p className="text-sm text-solid-gray-700">登録すると、組合名入りの利用規約(第1版)が公開されます。内容は「設定」で変えられます。</p>
        <UnionForm />
      </section>
    </div>
  );
}
