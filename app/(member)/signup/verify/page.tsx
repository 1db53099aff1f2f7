import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { MailHelp } from "@/app/_components/mail-help";
import { Steps } from "@/app/_components/steps";
import { MESSAGES } from "@/lib/errors";
import { currentSignup } from "@/lib/signup/current-request";
import { ResendForm, VerifyForm } from "./verify-form";
import { searchParam } from "@/lib/validation/input-guard";

export const metadata: Metadata = { title: "認証番号の入力" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const signup = await currentSignup();
  if (!signup) redirect("/signup?expired=1");
  if (!signup.request.email) redirect("/signup/account");
  const mail = searchParam((await searchParams).mail);
  const { union, request } = signup;
  return (
    <section className="space-y-5">
      <Steps current={3} />
      <h1 className="text-2xl font-bold">認証番号の入力</h1>
      {mail === "failed" ? (
        <p role="status" className="rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2">{MESSAGES.mailFailed}</p>
      ) : (
        <p>
          <strong className="break-all">{request.email}</strong> に認証番号を送信しました。
          <strong>10分以内</strong>に、メールに書かれた6桁の認証番号を入力して「OK」を押してください。
        </p>
      )}
      <VerifyForm />
      <ResendForm />
      <p>
        <Link href="/signup/account" className="text-blue-900 underline">キャンセル(メールアドレスやユーザーIDを直す)</Link>
      </p>
      <MailHelp contact={union} sender={union.senderEmail} />
    </section>
  );
}
