// HEIC/HEIF decoding in a small pool of worker threads: prebuilt sharp cannot decode HEVC, and the
// WebAssembly decoder takes seconds of CPU and its memory grows to ~270 MB for a 9 MP photo (and
// never shrinks), so by default one decode runs at a time (HEIC_DECODE_WORKERS raises it), the
// rest wait in a queue, and each worker is ended after its decode, giving that memory back
// (bench -- upload: two workers kept alive peaked at 714 MB of server RSS). The pixel cap is checked from the container's
// header (libheif reads the size without decoding) before any pixel is decoded.
import { Worker } from "node:worker_threads";
import { MAX_PIXELS } from "./limits";

export type HeifDecoded = { ok: true; width: number; height: number; rgba: Buffer } | { ok: false; reason: "pixels" | "unreadable" };

// An eval'd worker is plain CommonJS resolved from the working directory, so it needs no bundling
// (heic-decode stays an external package of the server build).
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const decode = require("heic-decode");
parentPort.on("message", async ({ id, buffer, maxPixels }) => {
  let images;
  try {
    images = await decode.all({ buffer: new Uint8Array(buffer) });
    const image = images[0];
    if (!image || image.width * image.height > maxPixels || image.width <= 0 || image.height <= 0) {
      parentPort.postMessage({ id, ok: false, reason: image ? "pixels" : "unreadable" });
      return;
    }
    const { width, height, data } = await image.decode();
    const out = data.buffer;
    parentPort.postMessage({ id, ok: true, width, height, rgba: out }, [out]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, reason: "unreadable" });
  } finally {
    try { images && images.dispose(); } catch {}
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
    worker.on("message", (m: { id: number; ok: boolean; reason?: "pixels" | "unreadable"; width?: number; height?: number; rgba?: ArrayBuffer }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = null;
      slot.done += 1;
      job.resolve(m.ok ? { ok: true, width: m.width!, height: m.height!, rgba: Buffer.from(m.rgba!) } : { ok: false, reason: m.reason ?? "unreadable" });
      // WebAssembly memory only grows (~270 MB for a 9 MP decode): the worker goes after
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
