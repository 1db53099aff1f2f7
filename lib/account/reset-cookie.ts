import "server-only";
import { cookies } from "next/headers";
import { systemClock } from "../clock";
import { openPending } from "./pending";

export const RESET_COOKIE = "pwreset";
export type PendingReset = { userId: string; email: string };

export async function readPendingReset(): Promise<PendingReset | null> {
  return openPending<PendingReset>((await cookies()).get(RESET_COOKIE)?.value, systemClock.now());
}
