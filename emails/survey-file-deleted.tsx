// Sent when the union deletes a member's uploaded file because it shows a マイナンバー (個人番号):
// which document it was, that it is gone for good, and what to do now.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapaneseDate } from "../lib/survey/window";

export interface SurveyFileDeletedProps extends UnionProps {
  surveyTitle: string;
  /** The documents the file was in, e.g. 「課税(非課税)証明書(健保 花子 様)」. */
  documents: string[];
  /** The member can upload again now (the case is open); otherwise the union will get in touch. */
  uploadAgain: boolean;
  closesOn: string;
  loginUrl?: string | null;
}

export const subject = (p: SurveyFileDeletedProps) => `【${p.union.name}】提出された書類を削除しました(マイナンバーが写っていたため)`;

export function SurveyFileDeleted(p: SurveyFileDeletedProps) {
  return (
    <EmailLayout union={p.union} preview="マイナンバーが写っていたため、書類を削除しました。" heading="書類をもう一度提出してください">
      <P>{p.surveyTitle}で提出された書類に、マイナンバー(個人番号)が写っていました。健康保険組合はマイナンバーを受け取ることができないため、この書類を削除しました(元に戻すことはできません)。</P>
      {p.documents.map((d) => (
        <Note key={d}>・{d}</Note>
      ))}
      {p.uploadAgain ? (
        <P>ログインして「提出する書類」の画面から、マイナンバーの部分を隠して撮影し直した書類を、もう一度アップロードしてください(回答の締切：{formatJapaneseDate(p.closesOn)})。</P>
      ) : (
        <P>書類の出し直しの方法は、健康保険組合からあらためてご連絡します。</P>
      )}
      <LoginLink url={p.loginUrl} />
    </EmailLayout>
  );
}

export const PreviewProps: SurveyFileDeletedProps = {
  union: previewUnion,
  surveyTitle: "令和8年度 被扶養者資格調査",
  documents: ["課税(非課税)証明書(健保 花子 様)"],
  uploadAgain: true,
  closesOn: "2027-01-31",
  loginUrl: "https://portal.example.jp/login",
};
SurveyFileDeleted.PreviewProps = PreviewProps;
export default SurveyFileDeleted;
