import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MailHelp } from "@/app/_components/mail-help";
import { readPendingReset } from "@/lib/account/reset-cookie";
import { ResendResetForm, ResetPasswordForm } from "../forms";

export const metadata: Metadata = { title: "新しいパスワードの設定" };

export default async function ResetPage() {
  const pending = await readPendingReset();
  if (!pending) redirect("/forgot-password");
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">新しいパスワードの設定</h1>
      <p>
        入力されたユーザーIDとメールアドレスの登録がある場合は、<strong className="break-all">{pending.email}</strong> に認証番号をお送りしました。
        <strong>10分以内</strong>に認証番号と新しいパスワードを入力してください。
      </p>
      <p className="text-sm">新しいパスワードは、以前に使ったものとは別にしてください。再設定すると、ほかの端末はすべてログアウトし、ロック中のアカウントも解除されます。</p>
      <ResetPasswordForm userId={pending.userId} />
      <ResendResetForm />
      <Link href="/forgot-password" className="block text-blue-900 underline">ユーザーID・メールアドレスを入力し直す</Link>
      <MailHelp />
    </section>
  );
}
