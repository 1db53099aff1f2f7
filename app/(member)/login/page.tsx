import type { Metadata } from "next";
import Link from "next/link";
import { MESSAGES } from "@/lib/errors";
import { LoginForm } from "./login-form";
import { searchParam } from "@/lib/validation/input-guard";
import { cookies } from "next/headers";
import { LOGIN_FLASH } from "@/lib/auth/login-form";
import { readFlash } from "@/lib/http/form-flash";
import { LeanPage } from "@/app/_components/lean-page";

export const metadata: Metadata = { title: "ログイン" };

const REASONS: Record<string, string> = {
  replaced: MESSAGES.sessionReplaced,
  idle: MESSAGES.sessionIdle,
  expired: MESSAGES.sessionExpired,
  logout: "ログアウトしました。",
  password_changed: "パスワードが変更されたため、ログアウトしました。新しいパスワードでログインしてください。",
  admin: "健康保険組合の担当者によりログアウトされました。",
  inactive: MESSAGES.loginInactive,
  reset: "パスワードを再設定しました。新しいパスワードでログインしてください。",
  email_changed: "メールアドレスを変更しました。",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const reason = searchParam(params.reason);
  const created = searchParam(params.created);
  // Own keys only: ?reason=__proto__ must not pick Object.prototype.
  const notice = reason ? (Object.hasOwn(REASONS, reason) ? REASONS[reason] : MESSAGES.sessionEnded) : undefined;
  // A refused login without JavaScript comes back here with its messages (app/(member)/login/submit).
  const refused = readFlash((await cookies()).get(LOGIN_FLASH)?.value);
  return (
    <section className="space-y-5">
      <LeanPage />
      <h1 className="text-2xl font-bold">ログイン</h1>
      {created && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 font-bold text-success-2">
          ユーザーIDの作成が完了しました。設定したユーザーIDとパスワードでログインしてください。
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-lg border-2 border-warning-orange-1 bg-orange-50 p-3 font-bold">
          {notice}
        </p>
      )}
      <LoginForm state={refused} />
      <ul className="space-y-3">
        <li><Link href="/forgot-password" className="text-blue-900 underline">パスワードを忘れた方はこちら</Link></li>
        <li><Link href="/forgot-id" className="text-blue-900 underline">ユーザーIDを忘れた方はこちら</Link></li>
      </ul>
      <Link href="/signup" className="block rounded-lg border-2 border-blue-900 px-4 py-3 text-center font-bold text-blue-900">
        ユーザーIDの作成がまだの方はこちら
      </Link>
    </section>
  );
}
