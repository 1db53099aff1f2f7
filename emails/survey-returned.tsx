// Sent when the union sends a submitted survey back (差し戻し), with the reason the member must read.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapaneseDate } from "../lib/survey/window";

export interface SurveyReturnedProps extends UnionProps {
  surveyTitle: string;
  reason: string;
  closesOn: string;
  loginUrl?: string | null;
}

export const subject = (p: SurveyReturnedProps) => `【${p.union.name}】被扶養者資格調査の回答の修正をお願いします`;

export function SurveyReturned(p: SurveyReturnedProps) {
  return (
    <EmailLayout union={p.union} preview="調査の回答を差し戻しました。" heading="回答の修正をお願いします">
      <P>{p.surveyTitle}の回答を確認し、修正や書類の追加をお願いすることになりました。ログインして内容を直し、もう一度提出してください。</P>
      <Note>・理由：{p.reason}</Note>
      <Note>・回答の締切：{formatJapaneseDate(p.closesOn)}</Note>
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyReturnedProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  reason: "在学証明書が読み取れません。もう一度撮影して提出してください。",
  closesOn: "2027-01-31",
  loginUrl: "https://portal.example.jp/login",
};
SurveyReturned.PreviewProps = PreviewProps;
export default SurveyReturned;
