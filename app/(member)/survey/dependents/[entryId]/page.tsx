import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { answersToFormValues } from "@/lib/survey/display";
import { incomeLimitFor, incomeWarnings } from "@/lib/survey/income-limit";
import { formatJapaneseDate } from "@/lib/survey/window";
import { memberSurvey } from "../../_components/load";
import { BackToHub, Caption, ReturnedNotice } from "../../_components/parts";
import { saveDependentAction } from "./actions";
import { DependentForm } from "./dependent-form";
import { AnswersView } from "../../_components/answers-view";
import { LeanPage } from "@/app/_components/lean-page";

export const metadata: Metadata = { title: "被扶養者の回答" };

export default async function DependentPage({ params, searchParams }: { params: Promise<{ entryId: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { entryId } = await params;
  const { saved } = await searchParams;
  const { survey: s } = await memberSurvey();
  // The id comes from the URL: only a target of THIS member's response exists here.
  const id = /^\d{1,15}$/.test(entryId) ? Number(entryId) : NaN;
  const d = s?.dependents.find((x) => x.entry.id === id);
  if (!s || !d) notFound();
  const { entry } = d;
  const position = s.dependents.indexOf(d) + 1;
  const limit = incomeLimitFor({ birthDate: entry.birthDate, relationship: entry.relationship, disabilityPension: d.answers.disabilityPension, livingApart: d.answers.residence === "apart", monthlyRemittance: d.answers.monthlyRemittance }, s.survey.baseDate);
  const warnings = incomeWarnings(d.answers, entry, s.survey.baseDate);
  return (
    <section className="space-y-5">
      <LeanPage />
      <div>
        <Caption>
          {entry.name} 様({position}/{s.dependents.length}人目)
        </Caption>
        <h1 className="text-2xl font-bold">{entry.name} 様の回答</h1>
      </div>
      {s.status === "returned" && <ReturnedNotice reason={s.response.returnedReason} />}
      <section aria-labelledby="roster" className="rounded-lg bg-solid-gray-50 p-4">
        <h2 id="roster" className="font-bold">登録内容</h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt>氏名</dt>
          <dd>{entry.name}</dd>
          <dt>カナ</dt>
          <dd>{entry.kanaName}</dd>
          <dt>生年月日</dt>
          <dd>{formatJapaneseDate(entry.birthDate)}</dd>
          <dt>続柄</dt>
          <dd>{entry.relationship}</dd>
        </dl>
      </section>
      {s.editable ? (
        <DependentForm
          action={saveDependentAction.bind(null, entry.id)}
          initial={answersToFormValues(d.answers, d.rosterCorrection)}
          saved={saved === "1"}
          dependent={{ birthDate: entry.birthDate, relationship: entry.relationship }}
          baseDate={s.survey.baseDate}
          hints={{ limit: limit.text, warnings }}
        />
      ) : (
        <>
          <p role="status" className="rounded-lg bg-solid-gray-50 p-3">
            {s.status === "submitted" || s.status === "approved" ? "提出済みのため、回答は変更できません。" : "回答期間外のため、回答は変更できません。"}
          </p>
          <AnswersView answers={d.answers} rosterCorrection={d.rosterCorrection} />
        </>
      )}
      <BackToHub />
    </section>
  );
}
