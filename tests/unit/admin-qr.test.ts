import fc from "fast-check";
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { qrPath } from "@/lib/admin/qr";

const SCALE = 4;

/** Paints the path's rectangles (`M x y h w v1 h-w z`) onto a white RGBA image, as a browser would. */
function rasterize({ size, d }: { size: number; d: string }) {
  const px = size * SCALE;
  const rgba = new Uint8ClampedArray(px * px * 4).fill(255);
  for (const [, xs, ys, ws] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x0, y0, w] = [Number(xs), Number(ys), Number(ws)];
    for (let y = y0 * SCALE; y < (y0 + 1) * SCALE; y++) {
      for (let x = x0 * SCALE; x < (x0 + w) * SCALE; x++) {
        const i = (y * px + x) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
    }
  }
  return { rgba, px };
}

const decode = (text: string) => {
  const { rgba, px } = rasterize(qrPath(text));
  return jsQR(rgba, px, px)?.data;
};

describe("the otpauth QR code", () => {
  it("scans back to the exact URI an authenticator app needs", () => {
    const uri = "otpauth://totp/%E5%81%A5%E4%BF%9D%E3%83%9D%E3%83%BC%E3%82%BF%E3%83%AB:ops-admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E5%81%A5%E4%BF%9D&algorithm=SHA1&digits=6&period=30";
    expect(decode(uri)).toBe(uri);
  });

  it("keeps a quiet zone of four modules on every side", () => {
    const { size, d } = qrPath("otpauth://totp/x?secret=ABC");
    const coords = [...d.matchAll(/M(\d+) (\d+)h(\d+)/g)].map(([, x, y, w]) => [Number(x), Number(y), Number(w)]);
    expect(Math.min(...coords.map(([x]) => x))).toBe(4);
    expect(Math.min(...coords.map(([, y]) => y))).toBe(4);
    expect(Math.max(...coords.map(([x, , w]) => x + w))).toBe(size - 4);
    expect(Math.max(...coords.map(([, y]) => y + 1))).toBe(size - 4);
  });

  it("round-trips any secret", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{16,64}$/), fc.stringMatching(/^[a-z0-9._-]{3,32}$/), (secret, id) => {
        const uri = `otpauth://totp/portal:${id}?secret=${secret}&issuer=portal`;
        expect(decode(uri)).toBe(uri);
      }),
      { numRuns: 25 },
    );
  });
});
