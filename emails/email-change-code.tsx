// 認証番号 proving the member owns the NEW address. Like sign-up, the address is unverified, so
// the mail names nobody and shows nothing from the account.
import { CodeRules, assertCode } from "./_components/code-rules";
import { EmailLayout, P, Value } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import type { DateLike } from "../lib/email/format";

export interface EmailChangeCodeProps extends UnionProps {
  code: string;
  expiresAt?: DateLike | null;
}

export const subject = (p: EmailChangeCodeProps) => `【${p.union.name}】メールアドレス変更の認証番号`;

export function EmailChangeCode(p: EmailChangeCodeProps) {
  return (
    <EmailLayout union={p.union} preview="新しいメールアドレスの確認に使う6桁の認証番号をお送りします。" heading="メールアドレス変更のための認証番号">
      <P>このメールアドレスを新しい連絡先として登録する手続きを受け付けました。手続き中の画面に、次の6桁の認証番号を入力すると変更が完了します。</P>
      <Value label="認証番号" value={assertCode(p.code)} />
      <CodeRules expiresAt={p.expiresAt} />
      <P>
        心当たりがない場合は、ほかの方がこのアドレスを誤って入力した可能性があります。このメールを削除してください。認証番号が入力されない限り、このアドレスが登録されることはありません。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: EmailChangeCodeProps = {
  union: previewUnion,
  code: "771024",
  expiresAt: "2026-04-01T10:10:00Z",
};
EmailChangeCode.PreviewProps = PreviewProps;
export default EmailChangeCode;
