// Sent once per member when the union opens a survey that asks about one of their dependents.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapaneseDate } from "../lib/survey/window";

export interface SurveyStartProps extends UnionProps {
  surveyTitle: string;
  closesOn: string;
  loginUrl?: string | null;
}

export const subject = (p: SurveyStartProps) => `【${p.union.name}】被扶養者資格調査へのご回答のお願い`;

export function SurveyStart(p: SurveyStartProps) {
  return (
    <EmailLayout union={p.union} preview="被扶養者資格調査が始まりました。" heading="被扶養者資格調査へのご回答のお願い">
      <P>{p.surveyTitle}を始めました。扶養に入っているご家族について、ログインして回答と書類の提出をお願いします。</P>
      <Note>・回答の締切：{formatJapaneseDate(p.closesOn)}</Note>
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyStartProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  closesOn: "2027-01-31",
  loginUrl: "https://portal.example.jp/login",
};
SurveyStart.PreviewProps = PreviewProps;
export default SurveyStart;
