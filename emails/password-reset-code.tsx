// 認証番号 for "forgot password". Goes to the registered address only.
import { CodeRules, assertCode } from "./_components/code-rules";
import { EmailLayout, P, Value } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import type { DateLike } from "../lib/email/format";

export interface PasswordResetCodeProps extends UnionProps {
  code: string;
  expiresAt?: DateLike | null;
}

export const subject = (p: PasswordResetCodeProps) => `【${p.union.name}】パスワード再設定の認証番号`;

export function PasswordResetCode(p: PasswordResetCodeProps) {
  return (
    <EmailLayout union={p.union} preview="パスワードの再設定に使う6桁の認証番号をお送りします。" heading="パスワード再設定のための認証番号">
      <P>パスワード再設定のお申し込みを受け付けました。手続き中の画面に、次の6桁の認証番号を入力し、新しいパスワードを設定してください。</P>
      <Value label="認証番号" value={assertCode(p.code)} />
      <CodeRules expiresAt={p.expiresAt} />
      <P>
        お申し込みに心当たりがない場合は、このメールを削除してください。認証番号が入力されない限り、パスワードは変わりません。このメールが何度も届くときは、下記のお問い合わせ先にご相談ください。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: PasswordResetCodeProps = {
  union: previewUnion,
  code: "305718",
  expiresAt: "2026-04-01T10:10:00Z",
};
PasswordResetCode.PreviewProps = PreviewProps;
export default PasswordResetCode;
