import type { Metadata } from "next";
import { requireAdmin } from "@/lib/admin/require-admin";

export const metadata: Metadata = { title: "調査" };

export default async function SurveysPage() {
  await requireAdmin();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">調査</h1>
      <p>調査の設定・進み具合・回答の確認の画面は、次の段階で追加されます。</p>
    </section>
  );
}
