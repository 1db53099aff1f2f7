// Sent when repeated failed logins lock the account (SPEC: 10 failures, 1 hour).
import { EmailLayout, LoginLink, Note, P } from "./_components/layout";
import { previewUnion, type UnionProps } from "./_components/types";
import { formatJapanTime, type DateLike } from "../lib/email/format";

export interface AccountLockedProps extends UnionProps {
  lockedUntil: DateLike;
  failedAttempts?: number;
  loginUrl?: string | null;
}

export const subject = (p: AccountLockedProps) => `【${p.union.name}】アカウントを一時的にロックしました`;

export function AccountLocked(p: AccountLockedProps) {
  const failures = p.failedAttempts ?? 10;
  return (
    <EmailLayout union={p.union} preview="ログインの失敗が続いたため、アカウントを一時的にロックしました。" heading="アカウントを一時的にロックしました">
      <P>パスワードの誤入力が{failures}回続いたため、安全のためアカウントを一時的にロックしました。ロック中は、正しいパスワードを入力してもログインできません。</P>
      <Note>・ロック解除の予定：{formatJapanTime(p.lockedUntil)}（日本時間）</Note>
      <P>この時刻を過ぎると、もう一度ログインできるようになります。</P>
      <P>
        パスワードを忘れてしまった場合は、ログイン画面の「パスワードを忘れた方」から新しいパスワードを設定してください。設定が終わるとロックも解除されます。
      </P>
      <LoginLink url={p.loginUrl} />
      <P>
        ご自身でログインしようとした覚えがない場合は、第三者がログインを試みた可能性があります。パスワードを設定し直し、下記のコールセンターにもご相談ください。
      </P>
    </EmailLayout>
  );
}

export const PreviewProps: AccountLockedProps = {
  union: previewUnion,
  lockedUntil: "2026-04-01T02:15:00Z",
  failedAttempts: 10,
  loginUrl: "https://portal.example.jp/login",
};
AccountLocked.PreviewProps = PreviewProps;
export default AccountLocked;
