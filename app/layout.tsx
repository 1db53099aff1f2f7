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
        {/* Each area brings its own frame: (member)/layout.tsx (phone width), admin/ (desktop). */}
        {children}
      </body>
    </html>
  );
}
