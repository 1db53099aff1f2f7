// Typed error codes → the Japanese sentences members read. Pages and actions never show raw errors.
export const MESSAGES = {
  unexpected: "ただいま処理できませんでした。時間をおいてもう一度お試しください。",
  throttled: "短時間に何度も失敗したため、受付を一時停止しています。しばらく時間をおいてからお試しください。",
  rosterNoMatch: "入力された内容に一致する被保険者が見つかりませんでした。健康保険証(資格確認書)の記載をご確認のうえ、もう一度入力してください。",
  rosterAlreadyRegistered: "この被保険者のユーザーIDはすでに作成されています。ログイン画面からログインしてください。ユーザーIDを忘れた場合は「ユーザーIDを忘れた方」からお問い合わせください。",
  signupExpired: "手続きの有効時間が過ぎました。お手数ですが、最初からやり直してください。",
  userIdTaken: "このユーザーIDはすでに使われています。別のユーザーIDを入力してください。",
  loginInvalid: "ユーザーIDまたはパスワードが正しくありません。",
  loginClosed: "このアカウントは、健康保険組合が新しい年度の調査のために閉じました。お手数ですが「アカウントを作成」から、もう一度登録してください。",
  loginInactive: "現在この保険証ではログインできません。健康保険組合にお問い合わせください。",
  codeWrong: "認証番号が正しくありません。",
  codeSuperseded: "古い認証番号です。最後に届いたメールの認証番号を入力してください。",
  codeExpired: "認証番号の有効期限(10分)が過ぎました。「認証番号を再送する」から新しい認証番号を受け取ってください。",
  codeKilled: "認証番号を5回まちがえたため、この認証番号は使えなくなりました。「認証番号を再送する」から新しい認証番号を受け取ってください。",
  codeMissing: "有効な認証番号がありません。「認証番号を再送する」から認証番号を受け取ってください。",
  mailFailed: "メールを送信できませんでした。時間をおいて「認証番号を再送する」を押してください。入力した内容は保存されています。",
  sessionReplaced: "別の端末でログインしたため、ログアウトしました。",
  sessionIdle: "30分間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
  sessionExpired: "ログインから12時間が過ぎたため、ログアウトしました。もう一度ログインしてください。",
  sessionEnded: "ログアウトしました。もう一度ログインしてください。",
  termsRequired: "利用規約に同意いただく必要があります。",
  signupTooManyOpen: "この被保険者の登録手続きが、すでに複数の画面で進められています。最後に開いた画面で手続きを続けるか、30分ほど時間をおいてから最初からやり直してください。",
  /** Forgot ID / password: the same words whether or not an account exists. */
  mailThrottled: "メール送信のご依頼が短時間に続いたため、受付を一時停止しています。1時間ほど時間をおいてから、もう一度お試しください。",
  termsNotPublished: "この健康保険組合の利用規約はまだ公開されていません。公開されるまで、このシステムはご利用いただけません。",
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** Times in messages are shown in Japan time, e.g. 「2026年11月22日 14:05」. */
export function formatJst(at: Date): string {
  const parts = new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(at);
  return parts;
}

export function lockedMessage(until: Date): string {
  return `ログインに10回続けて失敗したため、アカウントをロックしています。${formatJst(until)}を過ぎてからもう一度ログインしてください。パスワードを忘れた場合は「パスワードを忘れた方」から再設定できます。`;
}

export function waitMessage(retryAt: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  if (seconds <= 90) return `認証番号の再送は${seconds}秒後からできます。`;
  return `認証番号の再送回数の上限に達しました。${formatJst(retryAt)}以降にもう一度お試しください。`;
}

/** A mail limit (per client or per recipient address) refused a mail the member asked for. */
export function mailLimitMessage(retryAt: Date): string {
  return `メールの送信回数の上限に達したため、いまはメールをお送りできません。${formatJst(retryAt)}以降にもう一度お試しください。`;
}

/** Postgres unique violation → the constraint's name (postgres.js and PGlite, wrapped or not). */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const err = e as { code?: string; constraint_name?: string; constraint?: string };
    if (err.code === "23505") return err.constraint_name ?? err.constraint ?? "";
  }
  return null;
}
