// Every stored photo passes through sharp: turned upright by its EXIF orientation, longest side at
// most 2,400 px, re-encoded, and with no metadata at all (no EXIF, no GPS, no XMP, no ICC).
import os from "node:os";
import sharp from "sharp";
import { JPEG_QUALITY, MAX_EDGE, MAX_PIXELS } from "./limits";

// A decoded 12 MP photo is ~36 MB of pixels: keep libvips from caching them, and let only as many
// photos be decoded at once as there are cores (the rest wait), so eight uploads at a time do not
// hold eight decoded photos.
sharp.cache(false);
const SLOTS = Math.max(1, Math.min(2, os.availableParallelism?.() ?? os.cpus().length));
let busy = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy += 1;
  try {
    return await work();
  } finally {
    busy -= 1;
    waiting.shift()?.();
  }
}

export interface NormalisedImage {
  bytes: Buffer;
  contentType: "image/jpeg" | "image/png";
  width: number;
  height: number;
}

type Input = { kind: "jpeg" | "png"; bytes: Buffer } | { kind: "raw"; rgba: Buffer; width: number; height: number };

export function normaliseImage(input: Input): Promise<NormalisedImage> {
  return limited(() => encode(input));
}

async function encode(input: Input): Promise<NormalisedImage> {
  const source =
    input.kind === "raw"
      ? sharp(input.rgba, { raw: { width: input.width, height: input.height, channels: 4 }, limitInputPixels: MAX_PIXELS })
      : sharp(input.bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" });
  // Screenshots stay PNG (sharper text); photos and decoded HEIC become JPEG.
  const png = input.kind === "png";
  let pipeline = source.rotate().resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true });
  pipeline = png ? pipeline.png({ compressionLevel: 9 }) : pipeline.flatten({ background: "#ffffff" }).jpeg({ quality: JPEG_QUALITY, mozjpeg: true });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: png ? "image/png" : "image/jpeg", width: info.width, height: info.height };
}

/** The pixel count a JPEG or PNG declares in its header (sharp reads it without decoding). */
export async function declaredPixels(bytes: Buffer): Promise<number | null> {
  try {
    const m = await sharp(bytes).metadata();
    return m.width && m.height ? m.width * m.height : null;
  } catch {
    return null;
  }
}
