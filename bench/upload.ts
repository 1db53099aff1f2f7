// npm run bench -- upload [--files 16] [--concurrency 8]
// The upload pipeline in one process (type check, HEIC decode in the worker pool, sharp re-encode,
// SHA-256, disk storage): ~10 MB JPEG and HEIC photos, `concurrency` at a time. Prints files/s,
// p95, the process's peak RSS, and the ratio of the per-file conversion rate under load to the
// same conversions run one at a time (1.0 = no loss from running them together).
// Not yet over HTTP: the survey pages and a signed-in bench client come with the survey merge.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { diskStorage } from "../lib/storage/disk";
import { newStorageKey } from "../lib/storage/keys";
import { HeifPool } from "../lib/uploads/heic-pool";
import { processUpload } from "../lib/uploads/process-upload";
import { writeResults } from "./results-file";

async function noisePhoto(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

function heicFrom(jpeg: Buffer, dir: string): Buffer | null {
  const src = path.join(dir, "src.jpg");
  const out = path.join(dir, "out.heic");
  fs.writeFileSync(src, jpeg);
  try {
    execFileSync("heif-enc", ["-q", "75", "-o", out, src], { stdio: "ignore" });
    return fs.readFileSync(out);
  } catch {
    return null;
  }
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { files: { type: "string", default: "16" }, concurrency: { type: "string", default: "8" } } });
  const count = Number(values.files);
  const concurrency = Number(values.concurrency);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-bench-upload-"));
  const storage = diskStorage(path.join(dir, "store"));
  const pool = new HeifPool();
  try {
    const jpeg = await noisePhoto(3400, 2550);
    const heic = heicFrom(jpeg, dir);
    if (!heic) console.log("heif-enc not found (apt-get install libheif-examples): JPEG only");
    console.log(`inputs: JPEG ${(jpeg.length / 1e6).toFixed(1)} MB, HEIC ${heic ? (heic.length / 1e6).toFixed(1) : "-"} MB`);
    const inputs = Array.from({ length: count }, (_, i) => (heic && i % 2 ? heic : jpeg));
    const one = async (bytes: Buffer) => {
      const t0 = performance.now();
      const r = await processUpload(bytes, pool);
      if (!r.ok) throw new Error(`refused: ${r.reason}`);
      await storage.put(newStorageKey(), r.file.bytes, { contentType: r.file.contentType });
      return performance.now() - t0;
    };
    // Alone: one after another.
    await one(inputs[0]);
    const aloneStart = performance.now();
    for (const b of inputs.slice(0, Math.min(4, count))) await one(b);
    const aloneMsPerFile = (performance.now() - aloneStart) / Math.min(4, count);

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const latencies: number[] = [];
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < inputs.length) latencies.push(await one(inputs[next++]));
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    latencies.sort((a, b) => a - b);
    const filesPerS = count / seconds;
    const figures = {
      mode: "in-process",
      files: count,
      concurrency,
      input_mb: Math.round((jpeg.length / 1024 / 1024) * 10) / 10,
      heic_input_mb: heic ? Math.round((heic.length / 1024 / 1024) * 10) / 10 : 0,
      files_per_s: Math.round(filesPerS * 100) / 100,
      p95_ms: Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))]),
      peak_rss_mb: Math.round(peak / 1024 / 1024),
      ratio_to_alone: Math.round((filesPerS / (1000 / aloneMsPerFile)) * 100) / 100,
      load_avg_1m: Math.round(os.loadavg()[0] * 10) / 10,
      cores: os.cpus().length,
    };
    console.table(figures);
    writeResults("upload", figures);
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
