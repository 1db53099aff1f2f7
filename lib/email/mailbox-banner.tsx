// Shown at the top of every page while mail goes to the built-in mailbox, so nobody waits for a
// code that will never reach a real inbox. Renders nothing once RESEND_API_KEY is set.
import Link from "next/link";
import { mailboxMode } from "@/lib/env";

export function MailboxBanner() {
  if (!mailboxMode()) return null;
  return (
    <aside
      aria-label="メール送信についてのお知らせ"
      className="border-b border-yellow-600 bg-yellow-100 px-4 py-2 text-sm leading-relaxed text-yellow-950"
    >
      この環境ではメールは実際には送信されません。送信された内容（認証番号など）は
      <Link href="/dev/mailbox" className="font-bold underline">
        メールボックス
      </Link>
      で確認できます。
    </aside>
  );
}

export default MailboxBanner;
