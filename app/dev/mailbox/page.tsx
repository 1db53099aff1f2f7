// The built-in mailbox: what the app would have emailed, newest first (SPEC: Mailbox).
// Exists only while no RESEND_API_KEY is set; with real mail it is a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { formatJapanTime } from "@/lib/email/format";
import { listMailbox } from "@/lib/email/mailbox";
import { mailboxMode } from "@/lib/env";
import { hasBadCharacters } from "@/lib/validation/input-guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "メールボックス（開発用）", robots: { index: false } };

export default async function MailboxPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!mailboxMode()) notFound();
  const raw = (await props.searchParams).to;
  const typed = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  // A NUL or control character never reaches the query (PostgreSQL refuses NUL): it is a field error.
  const toError = typed && (hasBadCharacters(typed) || typed.length > 254) ? "メールアドレスに使えない文字が含まれているか、長すぎます。" : undefined;
  const to = toError ? undefined : typed;
  const messages = toError ? [] : await listMailbox(await getDb(), { to, limit: 100 });

  return (
    <main className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="mb-2 text-2xl font-bold">メールボックス（開発用）</h1>
      <p className="mb-4 leading-relaxed">
        この環境では、サイトが送るメールは実際には配信されず、ここに保存されます。新しいものが上に表示されます。
      </p>

      <form method="get" action="/dev/mailbox" className="mb-4 flex flex-wrap items-end gap-2">
        <div className="flex flex-col">
          <label htmlFor="mailbox-to" className="text-sm font-bold">
            宛先のメールアドレスで絞り込む
          </label>
          <input
            id="mailbox-to"
            name="to"
            type="email"
            defaultValue={to ?? ""}
            aria-invalid={toError ? true : undefined}
            aria-describedby={toError ? "mailbox-to-error" : undefined}
            className="rounded border border-gray-500 px-2 py-1"
          />
          {toError && (
            <p id="mailbox-to-error" className="text-sm font-bold text-red-700">
              {toError}
            </p>
          )}
        </div>
        <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-white">
          絞り込む
        </button>
        {to ? (
          <Link href="/dev/mailbox" className="underline">
            すべて表示
          </Link>
        ) : null}
      </form>

      <p className="mb-4" aria-live="polite">
        {to ? `${to} 宛てのメール: ` : "すべてのメール: "}
        {messages.length}件{messages.length === 100 ? "（新しい100件のみ表示）" : ""}
      </p>

      {messages.length === 0 ? (
        <p>まだメールはありません。</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((m) => (
            <li key={m.id}>
              <article className="rounded border border-gray-300 p-4">
                <h2 className="mb-2 text-lg font-bold">{m.subject}</h2>
                <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt className="font-bold">宛先</dt>
                  <dd>
                    <Link href={`/dev/mailbox?to=${encodeURIComponent(m.to)}`} className="underline">
                      {m.to}
                    </Link>
                  </dd>
                  <dt className="font-bold">差出人</dt>
                  <dd>{m.from}</dd>
                  <dt className="font-bold">日時</dt>
                  <dd>
                    <time dateTime={m.createdAt.toISOString()}>{formatJapanTime(m.createdAt)}</time>（日本時間）
                  </dd>
                </dl>
                <pre className="whitespace-pre-wrap break-words rounded bg-gray-50 p-3 font-sans text-sm leading-relaxed">{m.text}</pre>
                <details className="mt-2">
                  <summary className="cursor-pointer underline">HTML版を表示</summary>
                  {/* sandbox with no permissions: the HTML is shown, never run. */}
                  <iframe title={`HTML版: ${m.subject}`} sandbox="" srcDoc={m.html} className="mt-2 h-[32rem] w-full border" />
                </details>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
