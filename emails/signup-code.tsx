// 認証番号 for creating a user ID (sign-up step 3). Sent to an address nobody has verified yet,
// so it carries no personal data from the roster: only the code and the union's name.
import { CodeRules, assertCode } from "./_components/code-rules";
import { EmailLayout, P, Value } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import type { DateLike } from "../lib/email/format";

export interface SignupCodeProps extends UnionProps {
  code: string;
  expiresAt?: DateLike | null;
}

export const subject = (p: SignupCodeProps) => `【${p.union.name}】ユーザーID作成の認証番号`;

export function SignupCode(p: SignupCodeProps) {
  return (
    <EmailLayout union={p.union} preview="ユーザーIDの作成に使う6桁の認証番号をお送りします。" heading="ユーザーID作成のための認証番号">
      <P>ユーザーIDの作成手続きを受け付けました。手続き中の画面に、次の6桁の認証番号を入力してください。</P>
      <Value label="認証番号" value={assertCode(p.code)} />
      <CodeRules expiresAt={p.expiresAt} />
      <P>
        このメールに心当たりがない場合は、ほかの方がメールアドレスを誤って入力した可能性があります。何もせずにこのメールを削除してください。ユーザーIDは作成されません。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: SignupCodeProps = {
  union: previewUnion,
  code: "482913",
  expiresAt: "2026-04-01T10:10:00Z",
};
SignupCode.PreviewProps = PreviewProps;
export default SignupCode;
