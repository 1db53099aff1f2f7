// Periodic clean-up, run by the cron route (/api/cron/outbox) and by `npm run worker`: rows that are
// never read again, or that should not be kept (personal data, mail bodies) past their use.
import type { DbOrTx } from "@/db/connect";
import { pruneThrottles } from "./auth/throttle";
import type { Clock } from "./clock";
import { pruneOutbox } from "./email/retention";
import { pruneSignupRequests } from "./signup/request";

export interface HousekeepingSummary {
  signupRequests: number;
  outbox: number;
}

export async function housekeeping(db: DbOrTx, clock: Clock): Promise<HousekeepingSummary> {
  // Throttle buckets older than a day are never read again.
  await pruneThrottles(db, clock);
  const signupRequests = await pruneSignupRequests(db, clock);
  const outbox = await pruneOutbox(db, clock);
  return { signupRequests, outbox };
}
