import type { Metadata } from "next";
import Link from "next/link";
import { RequestResetForm } from "./forms";

export const metadata: Metadata = { title: "パスワードの再設定" };

export default function ForgotPasswordPage() {
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">パスワードの再設定</h1>
      <p>ユーザーIDと、登録したメールアドレスを入力してください。登録されたメールアドレスに、パスワード再設定用の認証番号をお送りします。</p>
      <RequestResetForm />
      <p>
        ユーザーIDも分からない場合は、先に<Link href="/forgot-id" className="text-blue-900 underline">ユーザーIDの確認</Link>をしてください。
      </p>
      <Link href="/login" className="block text-blue-900 underline">ログイン画面へ戻る</Link>
    </section>
  );
}
