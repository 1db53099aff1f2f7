// Every stored photo passes through sharp: turned upright by its EXIF orientation, longest side at
// most 2,400 px, re-encoded, and with no metadata at all (no EXIF, no GPS, no XMP, no ICC).
import sharp from "sharp";
import { JPEG_QUALITY, MAX_EDGE, MAX_PIXELS } from "./limits";

// A decoded 12 MP photo is ~36 MB of pixels: keep libvips from caching them. How many photos are
// decoded at once is up to the caller (saveUpload runs processUpload in the processing gate).
sharp.cache(false);

export interface NormalisedImage {
  bytes: Buffer;
  contentType: "image/jpeg" | "image/png";
  width: number;
  height: number;
}

type Input = { kind: "jpeg" | "png"; bytes: Buffer } | { kind: "raw"; pixels: Buffer; width: number; height: number; channels: 3 | 4 };

export async function normaliseImage(input: Input): Promise<NormalisedImage> {
  const source =
    input.kind === "raw"
      ? sharp(input.pixels, { raw: { width: input.width, height: input.height, channels: input.channels }, limitInputPixels: MAX_PIXELS })
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
