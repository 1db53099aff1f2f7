// Which address a request came from. X-Forwarded-For is a list that every proxy appends to, so its
// left-most entries are whatever the client chose to write; only the entries added by proxies we
// run are facts. With N trusted proxies in front of the app, the nearest one is the socket peer and
// the client is the entry N hops from the right (SPEC: TRUSTED_PROXIES).

const MAX_LENGTH = 64;

/** A usable address token: IPv4, IPv6 (optionally bracketed or with a zone) or nothing. */
function clean(value: string | undefined | null): string | null {
  const v = value?.trim().replace(/^\[|\]$/g, "") ?? "";
  if (!v || v.length > MAX_LENGTH || !/^[0-9A-Za-z.:%_-]+$/.test(v)) return null;
  // IPv4-mapped IPv6 (::ffff:1.2.3.4) is the same client as 1.2.3.4.
  return v.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

/**
 * The client address, given the socket peer (null when the runtime does not tell, e.g. behind a
 * serverless platform), the raw X-Forwarded-For header, and how many proxies are trusted.
 */
export function clientAddress(socket: string | null | undefined, forwardedFor: string | null | undefined, trustedProxies: number): string {
  const peer = clean(socket);
  if (trustedProxies <= 0 && peer) return peer;
  const hops = (forwardedFor ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  // Without a known socket peer, the right-most entry is the one the platform (or Next, which
  // fills in the socket address when the header is absent) wrote.
  const wanted = Math.max(trustedProxies, 1);
  // Fewer entries than trusted proxies means a misconfiguration (or a request that bypassed the
  // proxies); the left-most entry is then still one a proxy wrote, or there is none.
  const entry = hops.length >= wanted ? hops[hops.length - wanted] : hops[0];
  return clean(entry) ?? peer ?? "unknown";
}

/** Set by scripts/server.ts, which alone knows the socket: the header it writes is then trusted. */
export const SOCKET_HEADER = "x-fuyo-client-address";
export const CUSTOM_SERVER_FLAG = "FUYO_CUSTOM_SERVER";
