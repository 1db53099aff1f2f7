import { answerLines } from "@/lib/survey/display";
import type { Answers } from "@/lib/survey/answers-schema";

export function AnswersView({ answers, rosterCorrection }: { answers: Answers; rosterCorrection: string | null }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      {answerLines(answers).map((l) => (
        <div key={l.label} className="contents">
          <dt className="font-bold">{l.label}</dt>
          <dd>{l.value}</dd>
        </div>
      ))}
      {rosterCorrection && (
        <div className="contents">
          <dt className="font-bold">登録内容の誤り</dt>
          <dd className="whitespace-pre-wrap">{rosterCorrection}</dd>
        </div>
      )}
    </dl>
  );
}
