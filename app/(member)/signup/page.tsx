import type { Metadata } from "next";
import Link from "next/link";
import { Steps } from "@/app/_components/steps";
import { SignupForm } from "./signup-form";
import { searchParam } from "@/lib/validation/input-guard";
import { LeanPage } from "@/app/_components/lean-page";

export const metadata: Metadata = { title: "ユーザーIDの作成" };

export default async function SignupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const expired = searchParam((await searchParams).expired);
  return (
    <section className="space-y-5">
      <LeanPage />
      <Steps current={1} />
      <h1 className="text-2xl font-bold">ユーザーIDの作成</h1>
      {expired && <p className="rounded-lg border-2 border-warning-orange-1 p-3">手続きの有効時間(30分)が過ぎたため、最初からやり直してください。</p>}
      <p>健康保険証(資格確認書)に記載の内容を入力し、「認証」を押してください。</p>
      <SignupForm />
      <p>
        ユーザーIDを作成済みの方は<Link href="/login" className="text-blue-900 underline">ログイン</Link>してください。
      </p>
    </section>
  );
}
