// HEIC/HEIF decoding in a small pool of worker threads: prebuilt sharp cannot decode HEVC, and
// libheif's WebAssembly build takes seconds of CPU and its heap grows to ~60 MB for a 9 MP photo
// (and never shrinks; with the worker itself ~100 MB), so by default one decode runs at a time
// (HEIC_DECODE_WORKERS raises it), the rest wait in a queue, and each worker is ended after its
// decode, giving that memory back (bench -- upload: two workers kept alive peaked at 714 MB of
// server RSS). The pixel cap is checked from the container's header (libheif reads the size
// without decoding) before any pixel is decoded.
import { Worker } from "node:worker_threads";
import { MAX_PIXELS } from "./limits";

/** Interleaved 8-bit pixels: RGB, or RGBA when the image has an alpha channel. */
export type HeifDecoded = { ok: true; width: number; height: number; channels: 3 | 4; pixels: Buffer } | { ok: false; reason: "pixels" | "unreadable" };

// An eval'd worker is plain CommonJS resolved from the working directory, so it needs no bundling
// (libheif-js stays an external package of the server build). It asks libheif for RGB, not the
// RGBA that heic-decode's display() makes: a quarter less pixel memory in the WebAssembly heap
// (bench/tmp measurement: 86 → 59 MB for 9 MP), in the copy handed over, and in sharp's input.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const libheif = require("libheif-js/wasm-bundle");
parentPort.on("message", async ({ id, buffer, maxPixels }) => {
  let decoder = null;
  let images = [];
  let decoded = null;
  try {
    await libheif.ready;
    decoder = new libheif.HeifDecoder();
    images = decoder.decode(new Uint8Array(buffer));
    const image = images[0];
    const width = image ? image.get_width() : 0;
    const height = image ? image.get_height() : 0;
    if (!image || width <= 0 || height <= 0 || width * height > maxPixels) {
      parentPort.postMessage({ id, ok: false, reason: image ? "pixels" : "unreadable" });
      return;
    }
    const channels = image.has_alpha_channel() ? 4 : 3;
    const chroma = channels === 4 ? libheif.heif_chroma.heif_chroma_interleaved_RGBA : libheif.heif_chroma.heif_chroma_interleaved_RGB;
    decoded = await libheif.heif_js_decode_image2(image.handle, libheif.heif_colorspace.heif_colorspace_RGB, chroma);
    const plane = decoded && !decoded.code && decoded.channels.find((c) => c.id === libheif.heif_channel.heif_channel_interleaved);
    const row = width * channels;
    if (!plane || plane.width !== width || plane.height !== height || plane.stride < row) {
      parentPort.postMessage({ id, ok: false, reason: "unreadable" });
      return;
    }
    // The plane is a view into the WebAssembly heap: copied out row by row (rows may be padded).
    const out = new ArrayBuffer(row * height);
    const view = new Uint8Array(out);
    if (plane.stride === row) view.set(plane.data.subarray(0, row * height));
    else for (let y = 0; y < height; y++) view.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
    parentPort.postMessage({ id, ok: true, width, height, channels, pixels: out }, [out]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, reason: "unreadable" });
  } finally {
    try { if (decoded && decoded.image) libheif.heif_image_release(decoded.image); } catch {}
    for (const image of images) try { image.free(); } catch {}
    try { if (decoder && decoder.decoder) decoder.decoder.delete(); } catch {}
  }
});
`;

/** Recycle a worker after this many jobs: WebAssembly memory grows but never shrinks. */
const JOBS_PER_WORKER = 1;

/** Decodes at once: HEIC_DECODE_WORKERS (1–4), else 1. */
export function defaultPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HEIC_DECODE_WORKERS);
  return Number.isInteger(n) && n >= 1 && n <= 4 ? n : 1;
}

interface Job {
  id: number;
  buffer: ArrayBuffer;
  resolve(result: HeifDecoded): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  done: number;
}

export class HeifPool {
  private readonly queue: Job[] = [];
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  readonly size: number;
  private readonly maxPixels: number;

  constructor(options: { size?: number; maxPixels?: number } = {}) {
    this.size = options.size ?? defaultPoolSize();
    this.maxPixels = options.maxPixels ?? MAX_PIXELS;
  }

  /** Jobs waiting for a worker (not counting the ones being decoded). */
  get waiting(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.slots.filter((s) => s.job).length;
  }

  decode(bytes: Uint8Array): Promise<HeifDecoded> {
    if (this.closed) return Promise.reject(new Error("pool closed"));
    // A copy of our own, transferred to the worker (the caller keeps its buffer).
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, buffer, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("pool closed"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, buffer: job.buffer, maxPixels: this.maxPixels }, [job.buffer]);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const slot: Slot = { worker, job: null, done: 0 };
    worker.on("message", (m: { id: number; ok: boolean; reason?: "pixels" | "unreadable"; width?: number; height?: number; channels?: 3 | 4; pixels?: ArrayBuffer }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      slot.done += 1;
      job.resolve(m.ok ? { ok: true, width: m.width!, height: m.height!, channels: m.channels!, pixels: Buffer.from(m.pixels!) } : { ok: false, reason: m.reason ?? "unreadable" });
      // WebAssembly memory only grows (~60 MB for a 9 MP decode): the worker goes after
      // JOBS_PER_WORKER decodes (or when nothing is queued), and gives that memory back.
      if (slot.done >= JOBS_PER_WORKER || this.queue.length === 0) this.retire(slot);
      this.pump();
    });
    const fail = (error: Error) => {
      const job = slot.job;
      slot.job = null;
      this.retire(slot);
      job?.reject(error);
      this.pump();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (slot.job) fail(new Error(`heif worker exited with ${code}`));
      else this.retire(slot);
    });
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }
}

const g = globalThis as unknown as { __heifPool?: HeifPool };

/** The process's one pool. */
export function heifPool(): HeifPool {
  g.__heifPool ??= new HeifPool();
  return g.__heifPool;
}
