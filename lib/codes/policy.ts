import { HOUR, MINUTE } from "../clock";

export const CODE_POLICY = {
  /** A code is valid this long from issue. */
  ttlMs: 10 * MINUTE,
  /** Wrong entries that kill a code. */
  maxAttempts: 5,
  /** No new code for the same subject sooner than this after the previous one. */
  cooldownMs: 60_000,
  /** At most this many codes per subject per rolling hour. */
  perHour: 5,
  hourMs: HOUR,
} as const;

export type CodePurpose = "signup" | "password_reset" | "email_change";
