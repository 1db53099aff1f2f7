// Sent to the OLD address after a change, so the owner notices a takeover. The new address is
// masked: whoever reads the old mailbox need not learn it in full.
import { EmailLayout, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapanTime, maskEmail, type DateLike } from "../lib/email/format";

export interface EmailChangedNoticeProps extends UnionProps {
  changedAt: DateLike;
  newEmail: string;
}

export const subject = (p: EmailChangedNoticeProps) => `【${p.union.name}】登録メールアドレス変更のお知らせ`;

export function EmailChangedNotice(p: EmailChangedNoticeProps) {
  return (
    <EmailLayout union={p.union} preview="ご登録のメールアドレスが変更されました。" heading="登録メールアドレスを変更しました">
      <P>ご登録のメールアドレスが変更されました。今後のお知らせや認証番号は新しいアドレスにお送りし、このアドレスには届きません。</P>
      <Note>・変更日時：{formatJapanTime(p.changedAt)}（日本時間）</Note>
      <Note>・新しいメールアドレス：{maskEmail(p.newEmail)}</Note>
      <P>
        ご自身で変更した場合は、このメールへの対応は不要です。変更した覚えがない場合は、第三者に操作された可能性があります。お早めに下記のコールセンターへご連絡ください。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: EmailChangedNoticeProps = {
  union: previewUnion,
  changedAt: "2026-04-01T01:30:00Z",
  newEmail: "hanako.new@example.com",
};
EmailChangedNotice.PreviewProps = PreviewProps;
export default EmailChangedNotice;
