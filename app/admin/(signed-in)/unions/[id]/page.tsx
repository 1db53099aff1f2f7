import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireOperator } from "@/lib/admin/require-admin";
import { unionInScope } from "@/lib/admin/scope-params";
import { unionInScopeById } from "@/lib/admin/unions";
import { PageTitle } from "../../_components/admin-ui";
import { UnionForm } from "../union-form";

export const metadata: Metadata = { title: "組合の編集" };

export default async function EditUnionPage({ params }: { params: Promise<{ id: string }> }) {
  const scope = await requireOperator();
  const id = unionInScope(scope, (await params).id);
  if (id === null) notFound();
  const union = await unionInScopeById(await getDb(), scope, id);
  if (!union) notFound();
  return (
    <div className="space-y-6">
      <PageTitle sub={`${union.name}(${union.code})`}>組合の編集</PageTitle>
      <UnionForm union={{ id: union.id, code: union.code, name: union.name }} />
      <p>
        電話番号・受付時間・利用規約などは <Link className="text-blue-900 underline" href={`/admin/settings?union=${union.id}`}>設定</Link> で変えられます。
      </p>
    </div>
  );
}
