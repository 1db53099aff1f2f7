import "server-only";
import { headers } from "next/headers";
import { env } from "./env";
import { clientAddress, CUSTOM_SERVER_FLAG, SOCKET_HEADER } from "./http/client-address";

/**
 * The client's address and user agent. Under `npm start` (scripts/server.ts) the server has already
 * worked the address out from the socket and TRUSTED_PROXIES and written it to an internal header
 * (after dropping any copy the client sent); elsewhere (next dev, a serverless platform) it comes
 * from X-Forwarded-For, counted from the right.
 */
export function clientFrom(h: Pick<Headers, "get">): { ip: string; userAgent: string | null } {
  const fromServer = process.env[CUSTOM_SERVER_FLAG] === "1" ? h.get(SOCKET_HEADER) : null;
  const ip = fromServer || clientAddress(null, h.get("x-forwarded-for"), env().TRUSTED_PROXIES);
  return { ip, userAgent: h.get("user-agent")?.slice(0, 300) ?? null };
}

export async function currentClient() {
  return clientFrom(await headers());
}
