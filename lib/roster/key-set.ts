// Finds the same person (記号+番号+枝番) listed twice, exactly, in a file of a million rows without a
// million JS strings: keys are packed into one byte arena and indexed by an open-addressing table
// of typed arrays (about 30 bytes per row instead of ~100 for a Map<string, number>).
// Keys must be ASCII, which validated 記号・番号・枝番 are.

export class PersonKeySet {
  private slots = new Int32Array(1 << 12); // entry number + 1; 0 = empty
  private hashes = new Int32Array(1 << 11);
  private lines = new Int32Array(1 << 11);
  private ends = new Int32Array(1 << 11); // arena offset after each key; a key starts where the previous ends
  private arena = new Uint8Array(1 << 15);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Records `key` as seen on `line`; returns the line of an earlier identical key, or 0. */
  add(key: string, line: number): number {
    const hash = fnv1a(key);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry < 0) {
        this.insert(slot, key, hash, line);
        return 0;
      }
      if (this.hashes[entry] === hash && this.equals(entry, key)) return this.lines[entry];
    }
  }

  private insert(slot: number, key: string, hash: number, line: number): void {
    const entry = this.count++;
    if (entry === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.lines = grow(this.lines);
      this.ends = grow(this.ends);
    }
    const start = entry === 0 ? 0 : this.ends[entry - 1];
    if (start + key.length > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, start + key.length));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    for (let i = 0; i < key.length; i++) this.arena[start + i] = key.charCodeAt(i);
    this.ends[entry] = start + key.length;
    this.hashes[entry] = hash;
    this.lines[entry] = line;
    this.slots[slot] = entry + 1;
    // Keep the table at most half full so probes stay short.
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  private equals(entry: number, key: string): boolean {
    const start = entry === 0 ? 0 : this.ends[entry - 1];
    if (this.ends[entry] - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.arena[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // A final avalanche: FNV's low bits (which pick the slot) are weak for short, similar keys.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}
