import Link from "next/link";

// What an admin sees for anything outside their unions as much as for what does not exist.
export default function AdminNotFound() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">ページが見つかりません</h1>
      <p>お探しのページまたは加入者は見つかりませんでした。</p>
      <p>
        <Link href="/admin/members" className="text-blue-900 underline">
          加入者の検索へ
        </Link>
      </p>
    </section>
  );
}
