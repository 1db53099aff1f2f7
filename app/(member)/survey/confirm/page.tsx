import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DOCUMENT_KINDS } from "@/lib/survey/required-documents";
import { AnswersView } from "../_components/answers-view";
import { memberSurvey } from "../_components/load";
import { BackToHub, ReturnedNotice, StatusBadge, TaskBadge } from "../_components/parts";
import { SubmitForm } from "./submit-form";

export const metadata: Metadata = { title: "回答の確認" };

export default async function ConfirmPage() {
  const { survey: s } = await memberSurvey();
  if (!s) notFound();
  const submitted = s.status === "submitted" || s.status === "approved";
  return (
    <section className="space-y-5">
      <h1 className="text-2xl font-bold">回答の確認</h1>
      <p>
        状況: <StatusBadge status={s.status} />
      </p>
      {s.status === "returned" && <ReturnedNotice reason={s.response.returnedReason} />}
      {!submitted && <p>内容を確認して、よければ「提出する」を押してください。提出した後は、回答を変更できません。</p>}
      {s.dependents.map((d) => (
        <section key={d.entry.id} aria-labelledby={`c-${d.entry.id}`} className="space-y-2 rounded-lg border border-solid-gray-300 p-4">
          <div className="flex items-start justify-between gap-2">
            <h2 id={`c-${d.entry.id}`} className="text-lg font-bold">
              {d.entry.name} 様({d.entry.relationship})
            </h2>
            <TaskBadge state={d.state} />
          </div>
          <AnswersView answers={d.answers} rosterCorrection={d.rosterCorrection} />
          <p className="text-sm">
            <span className="font-bold">書類:</span> {d.documents.length ? d.documents.map((k) => DOCUMENT_KINDS[k].label).join("、") : "なし"}
          </p>
          {s.editable && (
            <Link href={`/survey/dependents/${d.entry.id}`} className="inline-block py-1 text-blue-900 underline">
              {d.entry.name} 様の回答を直す
            </Link>
          )}
        </section>
      ))}
      {!s.response.documentsReadAt && !submitted && (
        <p className="font-bold text-error-2">
          <Link href="/survey/documents" className="underline">
            必要な書類の一覧
          </Link>
          を確認してください。
        </p>
      )}
      {submitted ? (
        <p role="status" className="rounded-lg bg-solid-gray-50 p-3">
          既に提出しています。
        </p>
      ) : s.readyToSubmit && s.editable ? (
        <SubmitForm version={s.response.version} />
      ) : (
        <p className="rounded-lg bg-solid-gray-50 p-3">{s.editable ? "すべての方の回答と書類の確認が終わると、提出できます。" : "回答期間外のため、提出できません。"}</p>
      )}
      <BackToHub />
    </section>
  );
}
