import type { Metadata } from "next";
import Link from "next/link";
import { MailHelp } from "@/app/_components/mail-help";
import { ForgotIdForm } from "./forgot-id-form";

export const metadata: Metadata = { title: "ユーザーIDの確認" };

export default function ForgotIdPage() {
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">ユーザーIDの確認</h1>
      <p>登録したメールアドレスを入力してください。そのアドレスにユーザーIDをお知らせします。ユーザーIDはメールアドレスとは別のものです。</p>
      <ForgotIdForm />
      <MailHelp />
      <p className="text-sm">登録したメールアドレスが使えなくなった場合は、ご加入の健康保険組合にお問い合わせください。</p>
      <Link href="/login" className="block text-blue-900 underline">ログイン画面へ戻る</Link>
    </section>
  );
}
