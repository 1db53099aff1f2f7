// The administrator area's sentences. Login failures never say which of the three fields was wrong.
import { formatJst } from "../errors";

export const ADMIN_MESSAGES = {
  loginInvalid: "管理者ID、パスワードまたは確認コードが正しくありません。",
  loginDisabled: "この管理者アカウントは利用できません。運用者にお問い合わせください。",
  notFound: "対象が見つかりません。",
} as const;

export function adminLockedMessage(until: Date): string {
  return `ログインに10回続けて失敗したため、この管理者アカウントをロックしています。${formatJst(until)}を過ぎてからもう一度ログインしてください。`;
}

/** Why the admin is back on the login page (?reason=…). */
export const ADMIN_END_REASONS: Record<string, string> = {
  logout: "ログアウトしました。",
  idle: "30分間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
  expired: "ログインから8時間が過ぎたため、ログアウトしました。もう一度ログインしてください。",
  replaced: "別の端末でログインしたため、ログアウトしました。",
  revoked: "管理者のセッションが終了されました。もう一度ログインしてください。",
  disabled: "この管理者アカウントは利用できなくなりました。運用者にお問い合わせください。",
  totp_reset: "確認コードの設定が変更されたため、ログアウトしました。",
};
