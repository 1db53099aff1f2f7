// npm run bench -- upload [--files 24] [--concurrency 8]
// Survey document uploads over HTTP against the production build on PostgreSQL: `concurrency`
// signed-in members each POST files to /survey/upload (multipart, as the documents page's script
// sends them) — a mix of a ~9 MP JPEG photo with EXIF and GPS, the same photo as HEIC (made with
// heif-enc) and a 3-page PDF — until `files` have been stored. Meanwhile the server process's RSS
// is sampled (VmRSS counts the HEIC worker threads: they are threads of that process).
//
// ratio_to_alone: files/s with `concurrency` uploads at once ÷ files/s of the same mix sent one at
// a time, in the same run (1.0: running them together loses nothing; on 2 cores the CPU-bound
// HEIC decode cannot run faster than alone, so near 1.0 is the best to expect).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { migrateDb, openDb } from "../db/connect";
import { termsConsents, termsVersions } from "../db/schema";
import { createHousehold } from "../tests/support/upload-factories";
import { writeResults } from "./results-file";
import { cpuSeconds, loadAvg, memberLogin, percentile, requireBuild, round, sampleRss, scratchDatabase, serverEnv, startServer, type Server } from "./support";

/** A photo-like JPEG: noise compresses like a real photo does (badly), with camera EXIF and GPS. */
async function photo(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = ((i * 2654435761) >>> 24) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Make: "BenchCam", Model: "B-1", Orientation: "6" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 40/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "139/1 45/1 0/1" } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

function heicFrom(jpeg: Buffer, dir: string): Buffer {
  const src = path.join(dir, "src.jpg");
  const out = path.join(dir, "out.heic");
  fs.writeFileSync(src, jpeg);
  try {
    execFileSync("heif-enc", ["-q", "60", "-o", out, src], { stdio: "ignore" });
  } catch {
    throw new Error("heif-enc is needed to make the HEIC input (Debian: apt-get install libheif-examples)");
  }
  return fs.readFileSync(out);
}

async function pdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Bench certificate page ${i + 1}`, { x: 50, y: 780, size: 18, font });
  return Buffer.from(await doc.save());
}

interface Input {
  name: string;
  type: string;
  bytes: Buffer;
}

interface Uploader {
  cookie: string;
  responseId: number;
  dependentId: number;
}

async function post(base: string, who: Uploader, file: Input): Promise<number> {
  const body = new FormData();
  body.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const q = new URLSearchParams({ responseId: String(who.responseId), dependentId: String(who.dependentId), slot: "tax_certificate", back: "/survey/documents" });
  const started = performance.now();
  const response = await fetch(`${base}/survey/upload?${q}`, { method: "POST", body, headers: { cookie: who.cookie, origin: base, accept: "application/json" } });
  const result = (await response.json()) as { ok: boolean; reason?: string };
  if (!response.ok || !result.ok) throw new Error(`upload of ${file.name} refused: HTTP ${response.status} ${JSON.stringify(result)}`);
  return performance.now() - started;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { files: { type: "string", default: "24" }, concurrency: { type: "string", default: "8" } } });
  const count = Number(values.files);
  const concurrency = Number(values.concurrency);
  requireBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-bench-upload-"));
  const scratch = await scratchDatabase("upload");
  const env = serverEnv(scratch.url, { UPLOAD_DIR: path.join(dir, "store"), S3_BUCKET: "" });
  const handle = await openDb({ url: scratch.url, max: 4 });
  let server: Server | undefined;
  try {
    const jpeg = await photo(3400, 2550);
    const mix: Input[] = [
      { name: "IMG_0001.JPG", type: "image/jpeg", bytes: jpeg },
      { name: "IMG_0002.HEIC", type: "image/heic", bytes: heicFrom(jpeg, dir) },
      { name: "課税証明書.pdf", type: "application/pdf", bytes: await pdf(3) },
    ];
    console.log(`inputs: ${mix.map((m) => `${m.name} ${(m.bytes.length / 1e6).toFixed(1)} MB`).join(", ")}`);

    await migrateDb(handle);
    const households = [];
    for (let i = 0; i < concurrency; i++) {
      const h = await createHousehold(handle.db, { dependents: 1 });
      // Signed-in members have consented to their union's current 利用規約.
      const [terms] = await handle.db.insert(termsVersions).values({ unionId: h.unionId, version: 1, title: "利用規約", body: "第1条" }).returning();
      await handle.db.insert(termsConsents).values({ memberId: h.member.id, termsVersionId: terms.id, consentedAt: new Date() });
      households.push(h);
    }
    server = await startServer(env);
    const base = server.base;
    const uploaders: Uploader[] = [];
    for (const [i, h] of households.entries()) {
      uploaders.push({ cookie: await memberLogin(base, h.userId, h.password, `10.9.${i}.1`), responseId: h.response.id, dependentId: h.dependents[0].id });
    }

    const rss = sampleRss(server.pid, 100);
    // Warm-up (JIT, first HEIC worker, sharp), then the mix one file at a time.
    for (const file of mix) await post(base, uploaders[0], file);
    const aloneRounds = 2;
    let t = performance.now();
    for (let r = 0; r < aloneRounds; r++) for (const file of mix) await post(base, uploaders[0], file);
    const aloneFilesPerS = (aloneRounds * mix.length) / ((performance.now() - t) / 1000);
    const aloneRssMb = rss.stop();

    const loaded = sampleRss(server.pid, 100);
    const cpuBefore = cpuSeconds([server.pid]);
    const latencies: number[] = [];
    let next = 0;
    t = performance.now();
    await Promise.all(
      uploaders.map(async (who) => {
        for (let i = next++; i < count; i = next++) latencies.push(await post(base, who, mix[i % mix.length]));
      }),
    );
    const seconds = (performance.now() - t) / 1000;
    const peakRssMb = loaded.stop();
    const serverCpu = cpuSeconds([server.pid]) - cpuBefore;
    latencies.sort((a, b) => a - b);
    const filesPerS = count / seconds;
    const figures = {
      mode: "http",
      files: count,
      concurrency,
      mix: mix.map((m) => m.name.split(".").pop()!.toLowerCase()).join("+"),
      jpeg_mb: round(mix[0].bytes.length / 1024 / 1024),
      heic_mb: round(mix[1].bytes.length / 1024 / 1024),
      heic_decode_workers: Number(env.HEIC_DECODE_WORKERS ?? 1),
      files_per_s: round(filesPerS, 2),
      alone_files_per_s: round(aloneFilesPerS, 2),
      ratio_to_alone: round(filesPerS / aloneFilesPerS, 2),
      p50_ms: Math.round(percentile(latencies, 0.5)),
      p95_ms: Math.round(percentile(latencies, 0.95)),
      peak_rss_mb: Math.round(peakRssMb),
      alone_peak_rss_mb: Math.round(aloneRssMb),
      server_cpu_s_per_file: round(serverCpu / count, 2),
      load_avg_1m: loadAvg(),
      cores: os.cpus().length,
    };
    console.table(figures);
    writeResults("upload", figures);
  } finally {
    server?.stop();
    await handle.close();
    await scratch.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
