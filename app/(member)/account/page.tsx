import type { Metadata } from "next";
import Link from "next/link";
import { LogoutButton } from "@/app/_components/logout-button";
import { requireMember } from "@/lib/auth/current-member";
import { ChangeEmailForm, ChangePasswordForm } from "./forms";
import { searchParam } from "@/lib/validation/input-guard";

export const metadata: Metadata = { title: "アカウント設定" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { member } = await requireMember();
  const changed = searchParam((await searchParams).changed);
  return (
    <section className="space-y-8">
      <h1 className="text-2xl font-bold">アカウント設定</h1>
      {changed === "email" && (
        <p role="status" className="rounded-lg border-2 border-success-1 bg-green-50 p-3 font-bold text-success-2">
          メールアドレスを変更しました。以前のアドレスにもお知らせを送りました。
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg bg-solid-gray-50 p-4">
        <dt className="font-bold">ユーザーID</dt>
        <dd className="break-all">{member.userId}</dd>
        <dt className="font-bold">メールアドレス</dt>
        <dd className="break-all">{member.email}</dd>
      </dl>
      <section className="space-y-3">
        <h2 id="change-password" className="text-xl font-bold">パスワードの変更</h2>
        <p className="text-sm">変更すると、ほかの端末はログアウトします。以前に使ったパスワードは使えません。</p>
        <ChangePasswordForm userId={member.userId} />
      </section>
      <section className="space-y-3">
        <h2 id="change-email" className="text-xl font-bold">メールアドレスの変更</h2>
        <ChangeEmailForm />
      </section>
      <LogoutButton />
      <Link href="/" className="block text-blue-900 underline">トップページへ戻る</Link>
    </section>
  );
}
