// Sent when the union reopens one member's case after the survey closed: until when they may
// answer, submit and upload again.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapaneseDate } from "../lib/survey/window";

export interface SurveyReopenedProps extends UnionProps {
  surveyTitle: string;
  /** The last day (YYYY-MM-DD, Japan time) the case stays open. */
  until: string;
  loginUrl?: string | null;
}

export const subject = (p: SurveyReopenedProps) => `【${p.union.name}】被扶養者資格調査の受付を再開しました`;

export function SurveyReopened(p: SurveyReopenedProps) {
  return (
    <EmailLayout union={p.union} preview="調査の受付を再開しました。" heading="調査の受付を再開しました">
      <P>{p.surveyTitle}の回答期間は終了していますが、あなたの回答について、健康保険組合が受付を再開しました。ログインして、回答の入力・書類のアップロード・提出をしてください。</P>
      <Note>・受付の期限：{formatJapaneseDate(p.until)}</Note>
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyReopenedProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  until: "2027-02-15",
  loginUrl: "https://portal.example.jp/login",
};
SurveyReopened.PreviewProps = PreviewProps;
export default SurveyReopened;
