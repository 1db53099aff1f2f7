// Uploads are judged and normalised (decoded, resized, parsed) a few at a time, in two lanes: HEIC
// (as many as the decode pool has workers, HEIC_DECODE_WORKERS, default 1) and everything else
// (one at a time: a JPEG resize in sharp already uses both cores). The others wait for their lane
// with their bytes in a temporary file, not in memory. Eight 10 MB uploads at a time would
// otherwise hold eight bodies and as many decoded photos (a 9 MP photo is ~26 MB of pixels, its
// HEIC decode ~100 MB more): bench -- upload peaked at 587 MB of server RSS. Two lanes and not one
// gate of two slots: two HEIC in both slots would leave the CPU that sharp uses idle.
import { defaultPoolSize } from "./heic-pool";
import type { UploadKind } from "./sniff";

/** Non-HEIC uploads processed at once. */
export const OTHER_SLOTS = 1;

export class Gate {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  /** Uploads waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  get running(): number {
    return this.busy;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy += 1;
    try {
      return await work();
    } finally {
      // A waiter takes the slot over (busy stays the same), so none can be overtaken.
      const next = this.waiting.shift();
      if (next) next();
      else this.busy -= 1;
    }
  }
}

const g = globalThis as unknown as { __uploadGates?: { heif: Gate; other: Gate } };

/** The process's lane for an upload of this kind (null: not a kind we take, refused in the other lane). */
export function processingGate(kind: UploadKind | null): Gate {
  g.__uploadGates ??= { heif: new Gate(defaultPoolSize()), other: new Gate(OTHER_SLOTS) };
  return kind === "heif" ? g.__uploadGates.heif : g.__uploadGates.other;
}
