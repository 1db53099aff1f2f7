// The upload pipeline on real files: type by content, size, photos normalised and stripped of
// metadata, HEIC decoded in the pool, PDFs parsed.
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { HeifPool } from "@/lib/uploads/heic-pool";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/limits";
import { processUpload } from "@/lib/uploads/process-upload";
import { REFUSAL_MESSAGES } from "@/lib/uploads/refusals";
import { sanitiseFileName } from "@/lib/uploads/file-name";
import { encryptedPdf, heicFixture, jpegWithGps, pdfWithPages, plainJpeg, pngWithGps, zipArchive } from "../support/upload-fixtures";

const pool = new HeifPool({ size: 2 });
afterAll(() => pool.close());

async function expectNoMetadata(bytes: Buffer) {
  const m = await sharp(bytes).metadata();
  expect(m.exif).toBeUndefined();
  expect(m.xmp).toBeUndefined();
  expect(m.iptc).toBeUndefined();
  expect(m.icc).toBeUndefined();
  expect(bytes.includes(Buffer.from("FixtureCam"))).toBe(false);
  expect(bytes.includes(Buffer.from("secret-owner"))).toBe(false);
}

describe("photos", () => {
  it("a JPEG with GPS EXIF is stored upright, as JPEG, without any metadata", async () => {
    const input = await jpegWithGps(600, 400, 6);
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const result = await processUpload(input, pool);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.contentType).toBe("image/jpeg");
    // Orientation 6 turns a 600×400 sensor image into a 400×600 upright photo.
    expect([result.file.width, result.file.height]).toEqual([400, 600]);
    await expectNoMetadata(result.file.bytes);
    expect((await sharp(result.file.bytes).metadata()).orientation).toBeUndefined();
  });

  it("a PNG with GPS EXIF stays PNG, stripped", async () => {
    const input = await pngWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const result = await processUpload(input, pool);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.contentType).toBe("image/png");
    expect([result.file.width, result.file.height]).toEqual([320, 200]);
    await expectNoMetadata(result.file.bytes);
  });

  it("a large photo is resized to 2,400 px on its longest side", async () => {
    const result = await processUpload(await plainJpeg(4032, 3024), pool);
    if (!result.ok) throw new Error(result.reason);
    expect([result.file.width, result.file.height]).toEqual([2400, 1800]);
  });

  it("an image over 50 megapixels is refused from its header", async () => {
    const result = await processUpload(await plainJpeg(10_000, 5_100), pool);
    expect(result).toEqual({ ok: false, reason: "pixels" });
  });

  it("a truncated JPEG is unreadable", async () => {
    const whole = await jpegWithGps(600, 400);
    expect(await processUpload(whole.subarray(0, 3000), pool)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("the SHA-256 and size are of the stored bytes", async () => {
    const result = await processUpload(await jpegWithGps(), pool);
    if (!result.ok) throw new Error(result.reason);
    const { createHash } = await import("node:crypto");
    expect(result.file.sha256).toBe(createHash("sha256").update(result.file.bytes).digest("hex"));
    expect(result.file.size).toBe(result.file.bytes.length);
  });
});

describe("HEIC", () => {
  it("a real HEIC photo becomes a JPEG of the same size, without its EXIF", async () => {
    const input = heicFixture();
    const result = await processUpload(input, pool);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.contentType).toBe("image/jpeg");
    expect([result.file.width, result.file.height]).toEqual([640, 480]);
    await expectNoMetadata(result.file.bytes);
  });

  it("the pool hands over RGB (no alpha channel in the photo: none in the pixels)", async () => {
    const decoded = await pool.decode(heicFixture());
    if (!decoded.ok) throw new Error(decoded.reason);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([640, 480, 3]);
    expect(decoded.pixels.length).toBe(640 * 480 * 3);
    // A photo, not a blank buffer: its pixels vary.
    const stats = await sharp(decoded.pixels, { raw: { width: 640, height: 480, channels: 3 } }).stats();
    expect(stats.channels.every((c) => c.stdev > 1)).toBe(true);
  });

  it("is refused over the pixel cap before any pixel is decoded", async () => {
    const small = new HeifPool({ size: 1, maxPixels: 640 * 480 - 1 });
    try {
      expect(await processUpload(heicFixture(), small)).toEqual({ ok: false, reason: "pixels" });
    } finally {
      await small.close();
    }
  });

  it("a damaged HEIC is unreadable", async () => {
    const damaged = Buffer.from(heicFixture());
    damaged.fill(0x55, 400);
    expect(await processUpload(damaged, pool)).toEqual({ ok: false, reason: "unreadable" });
  });

  it("the pool never decodes more than its size at once, and queues the rest", async () => {
    const seen: number[] = [];
    const jobs = Array.from({ length: 5 }, () => pool.decode(heicFixture()));
    seen.push(pool.running);
    expect(pool.waiting).toBe(3);
    const results = await Promise.all(jobs.map((j) => j.then((r) => (seen.push(pool.running), r))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
  });
});

describe("PDF", () => {
  it("a PDF is kept byte for byte, with its page count", async () => {
    const input = await pdfWithPages(3);
    const result = await processUpload(input, pool);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.contentType).toBe("application/pdf");
    expect(result.file.pages).toBe(3);
    expect(result.file.bytes.equals(input)).toBe(true);
  });

  it("a password-protected PDF is refused as encrypted", async () => {
    expect(await processUpload(await encryptedPdf(), pool)).toEqual({ ok: false, reason: "encrypted" });
  });

  it("a PDF that does not parse is unreadable", async () => {
    expect(await processUpload(Buffer.from("%PDF-1.7\n%garbage that is not a document\n"), pool)).toEqual({ ok: false, reason: "unreadable" });
  });
});

describe("refusals by content, not by name", () => {
  it("a ZIP (whatever it is called) is refused as a type", async () => {
    expect(await processUpload(zipArchive(), pool)).toEqual({ ok: false, reason: "type" });
  });

  it("text, GIF and WebP are refused as a type", async () => {
    expect(await processUpload(Buffer.from("just some text"), pool)).toEqual({ ok: false, reason: "type" });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).gif().toBuffer();
    expect(await processUpload(gif, pool)).toEqual({ ok: false, reason: "type" });
    const webp = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).webp().toBuffer();
    expect(await processUpload(webp, pool)).toEqual({ ok: false, reason: "type" });
  });

  it("empty and oversized inputs are refused", async () => {
    expect(await processUpload(Buffer.alloc(0), pool)).toEqual({ ok: false, reason: "empty" });
    expect(await processUpload(Buffer.alloc(MAX_UPLOAD_BYTES + 1), pool)).toEqual({ ok: false, reason: "size" });
  });

  it("every refusal has its own Japanese sentence", () => {
    const sentences = Object.values(REFUSAL_MESSAGES);
    expect(new Set(sentences).size).toBe(sentences.length);
    for (const s of sentences) expect(s).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });
});

describe("sanitiseFileName", () => {
  it("keeps the name, drops path and control characters, and names the stored type", () => {
    expect(sanitiseFileName("IMG_0001.HEIC", "image/jpeg")).toBe("IMG_0001.jpg");
    expect(sanitiseFileName("../../etc/passwd", "application/pdf")).toBe("passwd.pdf");
    expect(sanitiseFileName("C:\\Users\\a\\課税証明書.pdf", "application/pdf")).toBe("課税証明書.pdf");
    expect(sanitiseFileName("a\u0000b\u202ecod.exe.png", "image/png")).toBe("abcod.exe.png");
    expect(sanitiseFileName("", "image/png")).toBe("書類.png");
    expect(Array.from(sanitiseFileName("あ".repeat(500) + ".pdf", "application/pdf")).length).toBe(200);
  });
});
