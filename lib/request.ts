import "server-only";
import { headers } from "next/headers";

/** The client's address (first X-Forwarded-For hop, as set by the platform's proxy) and UA. */
export function clientFrom(h: Headers): { ip: string; userAgent: string | null } {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = (forwarded || h.get("x-real-ip") || "unknown").slice(0, 64);
  return { ip, userAgent: h.get("user-agent") };
}

export async function currentClient() {
  return clientFrom(await headers());
}
