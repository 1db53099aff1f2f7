import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ContactDetails } from "@/app/_components/mail-help";
import { LogoutButton } from "@/app/_components/logout-button";
import { requireMember } from "@/lib/auth/current-member";
import { formatJst, MESSAGES } from "@/lib/errors";
import { ConsentForm } from "./consent-form";

export const metadata: Metadata = { title: "利用規約" };

export default async function TermsPage() {
  const { terms, consented, union } = await requireMember(true);
  if (consented) redirect("/");
  if (!terms) {
    // A union without terms (not normally possible: union:create publishes a first version).
    return (
      <section className="space-y-5">
        <h1 className="text-2xl font-bold">利用規約</h1>
        <p role="status">{MESSAGES.termsNotPublished}</p>
        <p>お手数ですが、健康保険組合にお問い合わせください。</p>
        <ContactDetails contact={union} />
        <LogoutButton />
      </section>
    );
  }
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">利用規約</h1>
      <p>
        ご利用の前に利用規約をお読みください。内容をご確認のうえ「利用規約に同意する」にチェックし、「次へ」を押してください。
        {terms.version > 1 && <strong>利用規約が改定されたため、改めて同意をお願いします。</strong>}
      </p>
      <article aria-labelledby="terms-title" tabIndex={0} className="max-h-[50vh] overflow-y-auto rounded-lg border border-solid-gray-300 p-4">
        <h2 id="terms-title" className="font-bold">{terms.title}(第{terms.version}版)</h2>
        <p className="text-sm text-solid-gray-700">{formatJst(terms.publishedAt)} 公開</p>
        <div className="mt-3 whitespace-pre-wrap">{terms.body}</div>
      </article>
      <ConsentForm termsVersionId={terms.id} />
    </section>
  );
}
