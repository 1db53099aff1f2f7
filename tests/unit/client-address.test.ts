import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const chain = fc.array(ipv4, { maxLength: 6 });

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket peer whatever X-Forwarded-For says", () => {
    fc.assert(
      fc.property(ipv4, chain, (socket, forwarded) => {
        expect(clientAddress(socket, forwarded.join(", "), 0)).toBe(socket);
      }),
    );
  });

  it("with N trusted proxies, is the entry N hops from the right, never a client-written one", () => {
    fc.assert(
      fc.property(chain, ipv4, fc.array(ipv4, { minLength: 1, maxLength: 3 }), ipv4, (forged, client, proxies, socket) => {
        // The client writes `forged`; the first proxy appends the client, each further proxy the previous one.
        const header = [...forged, client, ...proxies.slice(0, -1)].join(", ");
        expect(clientAddress(socket, header, proxies.length)).toBe(client);
      }),
    );
  });

  it("reads IPv4-mapped IPv6 sockets as IPv4, and keeps plain IPv6", () => {
    expect(clientAddress("::ffff:127.0.0.1", null, 0)).toBe("127.0.0.1");
    expect(clientAddress("::1", "1.2.3.4", 0)).toBe("::1");
    expect(clientAddress("10.0.0.1", "2001:db8::1", 1)).toBe("2001:db8::1");
  });

  it("without a socket (next dev, serverless), counts from the right of the header", () => {
    expect(clientAddress(null, "6.6.6.6, 203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress(undefined, "6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("does not take garbage from the header as an address", () => {
    expect(clientAddress("10.0.0.1", "<script>, ", 1)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.1", `${"9".repeat(100)}`, 1)).toBe("10.0.0.1");
    expect(clientAddress(null, "", 1)).toBe("unknown");
  });

  it("with fewer entries than trusted proxies, falls back to the left-most entry", () => {
    expect(clientAddress("10.0.0.1", "203.0.113.7", 3)).toBe("203.0.113.7");
  });
});
