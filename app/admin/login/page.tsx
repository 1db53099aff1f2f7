import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { adminScopeFromRequest } from "@/lib/admin/require-admin";
import { ADMIN_END_REASONS } from "@/lib/admin/messages";
import { AdminLoginForm } from "./login-form";

export const metadata: Metadata = { title: "管理者ログイン", robots: { index: false } };

export default async function AdminLoginPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  if (await adminScopeFromRequest()) redirect("/admin");
  const { reason } = await searchParams;
  const notice = reason ? ADMIN_END_REASONS[reason] : undefined;
  return (
    <>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center px-6 py-3">
          <span className="text-lg font-bold text-blue-900">被扶養者資格調査 管理画面</span>
        </div>
      </header>
      <main className="mx-auto max-w-md px-6 py-10">
        <section className="space-y-5">
          <h1 className="text-2xl font-bold">管理者ログイン</h1>
          {notice && (
            <p role="status" className="rounded-lg border-2 border-warning-orange-1 bg-orange-50 p-3 font-bold">
              {notice}
            </p>
          )}
          <AdminLoginForm />
        </section>
      </main>
    </>
  );
}
