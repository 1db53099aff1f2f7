// Real files for upload tests, made on the spot (plus the one committed HEIC fixture).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

export const HEIC_FIXTURE = path.join(import.meta.dirname, "..", "fixtures", "photo.heic");

export function heicFixture(): Buffer {
  return fs.readFileSync(HEIC_FIXTURE);
}

const GPS_EXIF = {
  IFD0: { Make: "FixtureCam", Model: "GPS-1", Copyright: "secret-owner" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 40/1 5/1", GPSLongitudeRef: "E", GPSLongitude: "139/1 45/1 7/1" },
};

function gradient(width: number, height: number): Buffer {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 7) % 256;
      raw[i + 1] = (y * 3) % 256;
      raw[i + 2] = (x ^ y) % 256;
    }
  }
  return raw;
}

/** A photo-like JPEG carrying GPS EXIF; `orientation` 6 means "rotate 90° to view". */
export async function jpegWithGps(width = 600, height = 400, orientation?: number): Promise<Buffer> {
  let image = sharp(gradient(width, height), { raw: { width, height, channels: 3 } }).withExif(GPS_EXIF);
  if (orientation) image = image.withMetadata({ orientation });
  return image.jpeg({ quality: 90 }).toBuffer();
}

export async function pngWithGps(width = 320, height = 200): Promise<Buffer> {
  return sharp(gradient(width, height), { raw: { width, height, channels: 3 } }).withExif(GPS_EXIF).png().toBuffer();
}

/** A big, plain JPEG (cheap to make at any size). */
export async function plainJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#8899aa" } }).jpeg({ quality: 60 }).toBuffer();
}

/** A real ZIP archive with one stored entry. */
export function zipArchive(name = "a.txt", content = Buffer.from("hello")): Buffer {
  const nameBytes = Buffer.from(name);
  const crc = zlib.crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const body = Buffer.concat([local, nameBytes, content]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, central, nameBytes, end]);
}

export async function pdfWithPages(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`page ${i + 1}`, { x: 50, y: 780 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A PDF whose trailer names a standard security handler, as a password-protected PDF does. */
export async function encryptedPdf(): Promise<Buffer> {
  const text = (await pdfWithPages(1)).toString("latin1");
  const enc = "/Encrypt << /Filter /Standard /V 1 /R 2 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <0000000000000000000000000000000000000000000000000000000000000000> /P -44 >>";
  return Buffer.from(text.replace(/trailer\s*<</, (m) => `${m}\n${enc}\n`), "latin1");
}
