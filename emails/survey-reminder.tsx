// Sent on a reminder date to a member with a target dependent who has not submitted yet.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapaneseDate } from "../lib/survey/window";

export interface SurveyReminderProps extends UnionProps {
  surveyTitle: string;
  closesOn: string;
  loginUrl?: string | null;
}

export const subject = (p: SurveyReminderProps) => `【${p.union.name}】被扶養者資格調査の回答がまだ届いていません`;

export function SurveyReminder(p: SurveyReminderProps) {
  return (
    <EmailLayout union={p.union} preview="被扶養者資格調査の締切が近づいています。" heading="回答がまだ届いていません">
      <P>{p.surveyTitle}の回答の提出がまだ確認できていません。締切までにログインして回答と書類の提出をお願いします。すでに提出済みの場合は行き違いですのでご容赦ください。</P>
      <Note>・回答の締切：{formatJapaneseDate(p.closesOn)}</Note>
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyReminderProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  closesOn: "2027-01-31",
  loginUrl: "https://portal.example.jp/login",
};
SurveyReminder.PreviewProps = PreviewProps;
export default SurveyReminder;
