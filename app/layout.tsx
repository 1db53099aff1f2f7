import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { MailboxBanner } from "@/lib/email/mailbox-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "被扶養者資格調査", template: "%s | 被扶養者資格調査" },
  description: "健康保険組合の被扶養者資格調査をスマートフォンから回答できるサービスです。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render at request time: the mail banner reads the runtime environment, not the build's.
  await connection();
  return (
    <html lang="ja">
      <body className="min-h-dvh font-sans antialiased">
        <MailboxBanner />
        <header className="border-b border-solid-gray-200 bg-white">
          <div className="mx-auto flex max-w-xl items-center px-4 py-3">
            <span className="text-lg font-bold text-blue-900">被扶養者資格調査</span>
          </div>
        </header>
        <main className="mx-auto max-w-xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
