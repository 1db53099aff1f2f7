// Small pieces of the file routes: the same-origin check and Content-Disposition.
import { describe, expect, it } from "vitest";
import { contentDisposition } from "@/lib/uploads/read-file";
import { sameOrigin } from "@/lib/uploads/same-origin";
import { filesLocked } from "@/lib/uploads/upload-target";

describe("sameOrigin", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it("accepts our own origin, a forwarded host, and requests without Origin", () => {
    expect(sameOrigin(h({ host: "portal.example.jp", origin: "https://portal.example.jp" }))).toBe(true);
    expect(sameOrigin(h({ host: "127.0.0.1:3000", "x-forwarded-host": "portal.example.jp", origin: "https://portal.example.jp" }))).toBe(true);
    expect(sameOrigin(h({ host: "portal.example.jp" }))).toBe(true);
    expect(sameOrigin(h({ host: "portal.example.jp", "sec-fetch-site": "same-origin" }))).toBe(true);
  });
  it("refuses another site", () => {
    expect(sameOrigin(h({ host: "portal.example.jp", origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(h({ host: "portal.example.jp", origin: "null" }))).toBe(false);
    expect(sameOrigin(h({ host: "portal.example.jp", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(sameOrigin(h({ host: "portal.example.jp", "sec-fetch-site": "same-site", origin: "https://portal.example.jp" }))).toBe(false);
  });
});

describe("contentDisposition", () => {
  it("is inline with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("IMG_0001.jpg")).toBe(`inline; filename="IMG_0001.jpg"; filename*=UTF-8''IMG_0001.jpg`);
    expect(contentDisposition("課税証明書 (1).pdf")).toBe(`inline; filename="_____ (1).pdf"; filename*=UTF-8''${encodeURIComponent("課税証明書 ")}%281%29.pdf`);
    expect(contentDisposition('a"b\\c.png')).toBe(`inline; filename="a_b_c.png"; filename*=UTF-8''a%22b%5Cc.png`);
  });
});

describe("filesLocked", () => {
  it("locks only once approved or the survey is closed (not on submission)", () => {
    expect(filesLocked("submitted", "open")).toBe(false);
    expect(filesLocked("returned", "open")).toBe(false);
    expect(filesLocked("in_progress", "open")).toBe(false);
    expect(filesLocked("approved", "open")).toBe(true);
    expect(filesLocked("submitted", "closed")).toBe(true);
  });
});
