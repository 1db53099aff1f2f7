import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { MailHelp } from "@/app/_components/mail-help";
import { pendingEmailChange } from "@/lib/account/change-email";
import { requireMember } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { MESSAGES } from "@/lib/errors";
import { ConfirmEmailForm, ResendEmailCodeForm } from "../forms";
import { searchParam } from "@/lib/validation/input-guard";

export const metadata: Metadata = { title: "メールアドレスの確認" };

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { member, union } = await requireMember();
  const to = await pendingEmailChange(await getDb(), systemClock, member.id);
  if (!to) redirect("/account");
  const mail = searchParam((await searchParams).mail);
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">新しいメールアドレスの確認</h1>
      {mail === "failed" ? (
        <p role="status" className="rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2">{MESSAGES.mailFailed}</p>
      ) : (
        <p>
          <strong className="break-all">{to}</strong> に認証番号を送信しました。<strong>10分以内</strong>に入力すると、メールアドレスが変更されます。
        </p>
      )}
      <ConfirmEmailForm />
      <ResendEmailCodeForm />
      <Link href="/account" className="block text-blue-900 underline">キャンセル(アカウント設定へ戻る)</Link>
      <MailHelp contact={union} sender={union.senderEmail} />
    </section>
  );
}
