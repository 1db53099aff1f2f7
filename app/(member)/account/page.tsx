import type { Metadata } from "next";
import Link from "next/link";
import { LogoutButton } from "@/app/_components/logout-button";
import { requireMember } from "@/lib/auth/current-member";

export const metadata: Metadata = { title: "アカウント設定" };

export default async function AccountPage() {
  const { member } = await requireMember();
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">アカウント設定</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-solid-gray-50 p-4">
        <dt className="font-bold">ユーザーID</dt>
        <dd className="break-all">{member.userId}</dd>
        <dt className="font-bold">メールアドレス</dt>
        <dd className="break-all">{member.email}</dd>
      </dl>
      <LogoutButton />
      <Link href="/" className="block text-blue-900 underline">トップページへ戻る</Link>
    </section>
  );
}
