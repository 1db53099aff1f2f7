// The member's user ID, sent only to the registered address (the page never says whether one exists).
import { EmailLayout, LoginLink, P, Value } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";

export interface ForgotUserIdProps extends UnionProps {
  userId: string;
  loginUrl?: string | null;
}

export const subject = (p: ForgotUserIdProps) => `【${p.union.name}】ユーザーIDのお知らせ`;

export function ForgotUserId(p: ForgotUserIdProps) {
  return (
    <EmailLayout union={p.union} preview="ご登録のユーザーIDをお知らせします。" heading="ユーザーIDのお知らせ">
      <P>ユーザーIDの確認のお申し込みを受け付けました。このメールアドレスで登録されているユーザーIDは次のとおりです。</P>
      <Value label="ユーザーID" value={p.userId} />
      <P>
        ユーザーIDはメールアドレスとは別のものです。ログインするときは、このユーザーIDとパスワードを入力してください。
      </P>
      <LoginLink url={p.loginUrl} />
      <P>
        お申し込みに心当たりがない場合は、このメールを削除してください。ユーザーIDが知られても、パスワードがなければログインはできません。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: ForgotUserIdProps = {
  union: previewUnion,
  userId: "Yamada.Taro-2026",
  loginUrl: "https://portal.example.jp/login",
};
ForgotUserId.PreviewProps = PreviewProps;
export default ForgotUserId;
