import Link from "next/link";

// For ids in survey URLs that are not this member's (or do not exist): the same page either way.
export default function SurveyNotFound() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">ページが見つかりません</h1>
      <p>お探しのページは見つかりませんでした。調査のトップから選び直してください。</p>
      <Link href="/survey" className="inline-block py-2 text-blue-900 underline">
        調査のトップに戻る
      </Link>
    </section>
  );
}
