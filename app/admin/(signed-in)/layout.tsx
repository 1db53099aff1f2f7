// Everything under here needs a live admin session: the layout asks the gate first. Pages, actions
// and route handlers ask it again themselves (a layout does not guard a server action or a route).
import { AdminNav, type NavItem } from "@/app/admin/_components/admin-nav";
import { requireAdmin } from "@/lib/admin/require-admin";
import { adminLogoutAction } from "./logout-action";

const NAV: NavItem[] = [
  { href: "/admin", label: "ダッシュボード" },
  { href: "/admin/roster", label: "名簿" },
  { href: "/admin/members", label: "加入者" },
  { href: "/admin/surveys", label: "調査" },
  { href: "/admin/settings", label: "設定" },
  { href: "/admin/audit", label: "監査ログ" },
];
const OPERATOR_NAV: NavItem[] = [
  { href: "/admin/unions", label: "組合" },
  { href: "/admin/admins", label: "管理者" },
];

export default async function SignedInAdminLayout({ children }: { children: React.ReactNode }) {
  const { admin } = await requireAdmin();
  const items = admin.role === "operator" ? [...NAV, ...OPERATOR_NAV] : NAV;
  return (
    <>
      <header className="border-b border-solid-gray-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <span className="text-lg font-bold text-blue-900">被扶養者資格調査 管理画面</span>
          <AdminNav items={items} />
          <div className="ml-auto flex items-center gap-3">
            <span className="text-sm text-solid-gray-700">
              {admin.loginId}({admin.role === "operator" ? "運用者" : "組合担当者"})
            </span>
            <form action={adminLogoutAction}>
              <button type="submit" className="rounded-lg border-2 border-solid-gray-600 px-3 py-1 font-bold">
                ログアウト
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-6 py-6">{children}</main>
    </>
  );
}
