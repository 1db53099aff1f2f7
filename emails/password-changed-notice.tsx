// Sent after any password change or reset, so the owner notices one they did not make.
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapanTime, type DateLike } from "../lib/email/format";

export interface PasswordChangedNoticeProps extends UnionProps {
  changedAt: DateLike;
  loginUrl?: string | null;
}

export const subject = (p: PasswordChangedNoticeProps) => `【${p.union.name}】パスワード変更のお知らせ`;

export function PasswordChangedNotice(p: PasswordChangedNoticeProps) {
  return (
    <EmailLayout union={p.union} preview="パスワードが変更されました。" heading="パスワードを変更しました">
      <P>ご利用中のアカウントのパスワードが変更されました。次回から新しいパスワードでログインしてください。</P>
      <Note>・変更日時：{formatJapanTime(p.changedAt)}（日本時間）</Note>
      <LoginLink url={p.loginUrl} />
      <P>
        変更した覚えがない場合は、第三者に操作された可能性があります。ログイン画面の「パスワードを忘れた方」からパスワードを設定し直し、あわせて下記のコールセンターへご連絡ください。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: PasswordChangedNoticeProps = {
  union: previewUnion,
  changedAt: "2026-04-01T01:30:00Z",
  loginUrl: "https://portal.example.jp/login",
};
PasswordChangedNotice.PreviewProps = PreviewProps;
export default PasswordChangedNotice;
