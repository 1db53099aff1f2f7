import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { TERMS_MAX } from "@/lib/admin/schemas";
import { isOperator, selectedUnion } from "@/lib/admin/scope-params";
import { currentTermsOf, unionSettings } from "@/lib/admin/settings";
import { unionChoices } from "@/lib/admin/unions";
import { jst, PageTitle } from "../_components/admin-ui";
import { UnionPicker } from "../_components/union-picker";
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/survey/retention";
import { SettingsForm, TermsForm } from "./forms";
import { RetentionForm } from "./retention-form";

export const metadata: Metadata = { title: "設定" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ union?: string }> }) {
  const scope = await requireAdmin();
  const { union: requested } = await searchParams;
  const unionId = selectedUnion(scope, requested);
  if (unionId === null) notFound();
  const db = await getDb();
  const [union, terms, choices] = await Promise.all([unionSettings(db, scope, unionId), currentTermsOf(db, scope, unionId), unionChoices(db, scope)]);
  if (!union) notFound();
  return (
    <div className="space-y-10">
      <PageTitle sub={`${union.name}(${union.code})`}>設定</PageTitle>
      {isOperator(scope) && <UnionPicker action="/admin/settings" choices={choices} selected={unionId} />}
      <section aria-labelledby="contact-title" className="space-y-4">
        <h2 id="contact-title" className="text-lg font-bold">組合の情報と調査期間</h2>
        <SettingsForm
          key={`${union.id}`}
          values={{
            unionId: String(union.id),
            name: union.name,
            callCenterPhone: union.callCenterPhone ?? "",
            callCenterHours: union.callCenterHours ?? "",
            supportEmail: union.supportEmail ?? "",
            senderEmail: union.senderEmail ?? "",
            surveyOpensOn: union.surveyOpensOn ?? "",
            surveyClosesOn: union.surveyClosesOn ?? "",
          }}
        />
      </section>
      <section aria-labelledby="terms-section-title" className="space-y-4">
        <h2 id="terms-section-title" className="text-lg font-bold">利用規約の公開</h2>
        <p>{terms ? `いまの版: 第${terms.version}版(${jst(terms.publishedAt)} 公開)` : "まだ公開された利用規約はありません。"}</p>
        <TermsForm key={union.id} unionId={String(union.id)} title={terms?.title ?? `${union.name} 利用規約`} body={terms?.body ?? ""} max={TERMS_MAX} />
      </section>
      <section aria-labelledby="retention-title" className="space-y-4">
        <h2 id="retention-title" className="text-lg font-bold">書類の保存期間</h2>
        <RetentionForm key={`retention-${union.id}`} unionId={String(union.id)} days={union.documentRetentionDays} min={RETENTION_MIN_DAYS} max={RETENTION_MAX_DAYS} />
      </section>
    </div>
  );
}
