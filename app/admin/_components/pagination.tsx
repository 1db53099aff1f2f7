import Link from "next/link";

/** 前へ / 次へ links that keep the rest of the query string (so a page can be bookmarked). */
export function Pagination({ page, pages, total, hrefFor }: { page: number; pages: number; total: number; hrefFor: (page: number) => string }) {
  return (
    <nav aria-label="ページ送り" className="flex items-center gap-4">
      <p>
        全{total.toLocaleString("ja-JP")}件 ({page} / {pages} ページ)
      </p>
      {page > 1 && (
        <Link href={hrefFor(page - 1)} className="rounded-lg border-2 border-blue-900 px-3 py-1 font-bold text-blue-900">
          前へ
        </Link>
      )}
      {page < pages && (
        <Link href={hrefFor(page + 1)} className="rounded-lg border-2 border-blue-900 px-3 py-1 font-bold text-blue-900">
          次へ
        </Link>
      )}
    </nav>
  );
}

