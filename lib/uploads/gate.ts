// At most PROCESS_SLOTS uploads are judged and normalised at once (decoded, resized, parsed); the
// others wait for a slot with their bytes in a temporary file, not in memory. Eight 10 MB uploads
// at a time would otherwise hold eight bodies and as many decoded photos (a 9 MP photo is ~26 MB of
// pixels, its HEIC decode ~90 MB more): bench -- upload peaked at 587 MB of server RSS.
// Two slots keep both cores busy (a HEIC decode in its worker beside a JPEG resize in sharp).

export const PROCESS_SLOTS = 2;

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

const g = globalThis as unknown as { __uploadGate?: Gate };

/** The process's one gate. */
export function processingGate(): Gate {
  g.__uploadGate ??= new Gate(PROCESS_SLOTS);
  return g.__uploadGate;
}
