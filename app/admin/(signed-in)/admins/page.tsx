import type { Metadata } from "next";
import { getDb } from "@/db";
import { listAdmins } from "@/lib/admin/admins";
import { requireOperator } from "@/lib/admin/require-admin";
import { unionChoices } from "@/lib/admin/unions";
import { jst, PageTitle, tableClass, tdClass, thClass } from "../_components/admin-ui";
import { AdminRowActions, CreateAdminForm } from "./admin-forms";

export const metadata: Metadata = { title: "管理者" };

export default async function AdminsPage() {
  const scope = await requireOperator();
  const db = await getDb();
  const [rows, choices] = await Promise.all([listAdmins(db, scope), unionChoices(db, scope)]);
  return (
    <div className="space-y-10">
      <PageTitle sub="管理画面にログインできる人の一覧です。">管理者</PageTitle>
      <div className="overflow-x-auto">
        <table className={tableClass}>
          <thead>
            <tr>
              {["管理者ID", "メールアドレス", "役割", "健康保険組合", "状態", "作成日時", "操作"].map((h) => (
                <th key={h} scope="col" className={thClass}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td className={tdClass}>{a.loginId}</td>
                <td className={tdClass}>{a.email}</td>
                <td className={tdClass}>{a.role === "operator" ? "運用者" : "組合担当者"}</td>
                <td className={tdClass}>{a.unionName ?? "すべて"}</td>
                <td className={tdClass}>{a.disabledAt ? `利用停止(${jst(a.disabledAt)})` : "利用中"}</td>
                <td className={tdClass}>{jst(a.createdAt)}</td>
                <td className={tdClass}>{a.id === scope.admin.id ? "(自分)" : <AdminRowActions adminId={a.id} loginId={a.loginId} disabled={Boolean(a.disabledAt)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="new-admin-title" className="space-y-4">
        <h2 id="new-admin-title" className="text-lg font-bold">組合担当者を作成する</h2>
        <CreateAdminForm unions={choices} />
      </section>
    </div>
  );
}
