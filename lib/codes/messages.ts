import { MESSAGES } from "../errors";
import type { VerifyResult } from "./verify-code";

/** The field message for a rejected 認証番号. */
export function codeMessage(result: Exclude<VerifyResult, { ok: true }>): string {
  switch (result.reason) {
    case "wrong":
      return `${MESSAGES.codeWrong}(あと${result.attemptsLeft}回まちがえると、この認証番号は使えなくなります。)`;
    case "superseded":
      return `${MESSAGES.codeSuperseded}(あと${result.attemptsLeft}回)`;
    case "expired":
      return MESSAGES.codeExpired;
    case "killed":
      return MESSAGES.codeKilled;
    case "missing":
      return MESSAGES.codeMissing;
  }
}
