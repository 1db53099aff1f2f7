// The rules that hold for every emailed 認証番号 (see SPEC: 10 minutes, newest only, single use).
import { formatJapanTime, type DateLike } from "../../lib/email/format";
import { Note } from "./layout";

export const CODE_VALID_MINUTES = 10;

export function CodeRules({ expiresAt }: { expiresAt?: DateLike | null }) {
  return (
    <>
      <Note>
        ・有効期限：発行から{CODE_VALID_MINUTES}分間
        {expiresAt ? `（${formatJapanTime(expiresAt)}まで・日本時間）` : ""}
      </Note>
      <Note>・認証番号を再送した場合は、最後に届いたメールの番号だけが使えます。それより前の番号は無効です。</Note>
      <Note>・一度使った認証番号は、もう一度使うことはできません。</Note>
      <Note>・認証番号は、健康保険組合の職員を含め、誰にも教えないでください。</Note>
    </>
  );
}

/** Six digits, nothing else: anything else is a bug in the caller, not something to mail. */
export function assertCode(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new TypeError("an emailed code must be 6 digits");
  return code;
}
