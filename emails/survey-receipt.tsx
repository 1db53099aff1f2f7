// Sent when a member submits (or resubmits) the survey: a receipt they can keep.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapanTime, type DateLike } from "../lib/email/format";

export interface SurveyReceiptProps extends UnionProps {
  surveyTitle: string;
  submittedAt: DateLike;
  dependents: { name: string; continuation: "continue" | "remove" }[];
  resubmission?: boolean;
  loginUrl?: string | null;
}

export const subject = (p: SurveyReceiptProps) => `【${p.union.name}】被扶養者資格調査の回答を受け付けました`;

export function SurveyReceipt(p: SurveyReceiptProps) {
  return (
    <EmailLayout union={p.union} preview="調査の回答を受け付けました。" heading="回答を受け付けました">
      <P>
        {p.surveyTitle}の回答{p.resubmission ? "(再提出)" : ""}を受け付けました。ご協力ありがとうございます。健康保険組合で内容を確認し、書類の不足などがあればご連絡します。
      </P>
      <Note>・提出日時：{formatJapanTime(p.submittedAt)}（日本時間）</Note>
      {p.dependents.map((d) => (
        <Note key={d.name}>
          ・{d.name} 様：{d.continuation === "remove" ? "扶養から外す" : "扶養を続ける"}
        </Note>
      ))}
      <P>提出した内容と書類は、ログインして「被扶養者資格調査」の画面から確認できます。</P>
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyReceiptProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  submittedAt: "2026-12-10T01:30:00Z",
  dependents: [
    { name: "健保 花子", continuation: "continue" },
    { name: "健保 翔子", continuation: "remove" },
  ],
  loginUrl: "https://portal.example.jp/login",
};
SurveyReceipt.PreviewProps = PreviewProps;
export default SurveyReceipt;
