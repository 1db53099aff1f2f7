import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Steps } from "@/app/_components/steps";
import { currentSignup } from "@/lib/signup/current-request";
import { AccountForm } from "./account-form";
import { LeanPage } from "@/app/_components/lean-page";

export const metadata: Metadata = { title: "ユーザーID・パスワードの設定" };

export default async function AccountStepPage() {
  const signup = await currentSignup();
  if (!signup) redirect("/signup?expired=1");
  const { entry, request } = signup;
  return (
    <section className="space-y-5">
      <LeanPage />
      <Steps current={2} />
      <h1 className="text-2xl font-bold">ユーザーID・パスワードの設定</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-solid-gray-50 p-4">
        <dt className="font-bold">氏名</dt>
        <dd>{entry.name} 様</dd>
        <dt className="font-bold">記号</dt>
        <dd>{entry.symbol}</dd>
        <dt className="font-bold">番号</dt>
        <dd>{entry.number}</dd>
      </dl>
      <p>ご自身でユーザーIDとパスワードを決めて、認証番号を受け取るメールアドレスを入力してください。</p>
      <AccountForm defaults={{ userId: request.userId ?? "", email: request.email ?? "" }} />
    </section>
  );
}
