import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "ページが見つかりません" };

// Any unknown address. Next's built-in 404 page carries an inline <style>, which the CSP refuses.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-bold">ページが見つかりません</h1>
      <p>お探しのページは見つかりませんでした。URL をご確認ください。</p>
      <Link href="/" className="inline-block py-2 text-blue-900 underline">
        トップページへ
      </Link>
    </main>
  );
}
