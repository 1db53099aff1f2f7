// The processing gate (at most `size` uploads judged at once, first come first served) and the
// spool that an upload waits in (a private temporary file, the size limit counted as it is written).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { Gate, processingGate } from "@/lib/uploads/gate";
import { defaultPoolSize } from "@/lib/uploads/heic-pool";
import { spoolLimited } from "@/lib/uploads/spool";

describe("Gate", () => {
  it("runs at most `size` jobs at once, in the order they came", async () => {
    const gate = new Gate(2);
    const started: number[] = [];
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running -= 1;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([gate.running, gate.queued]).toEqual([2, 3]);
    while (started.length < 5 || release.length) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect([gate.running, gate.queued]).toEqual([0, 0]);
  });

  it("HEIC has a lane of its own, as wide as the decode pool; every other kind shares one", () => {
    expect(processingGate("heif")).not.toBe(processingGate("jpeg"));
    expect(processingGate("heif").size).toBe(defaultPoolSize());
    expect([processingGate("jpeg"), processingGate("png"), processingGate("pdf"), processingGate(null)].every((g) => g === processingGate("jpeg"))).toBe(true);
    expect(processingGate("jpeg").size).toBe(1);
  });

  it("a job that throws still frees its slot", async () => {
    const gate = new Gate(1);
    await expect(gate.run(() => Promise.reject(new Error("broken")))).rejects.toThrow("broken");
    expect(await gate.run(async () => "next")).toBe("next");
    expect(gate.running).toBe(0);
  });
});

describe("spoolLimited", () => {
  const dirs: string[] = [];
  function scratch() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-spool-test-"));
    dirs.push(dir);
    return dir;
  }
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("keeps the bytes in a file only its owner can read, and removes it on dispose", async () => {
    const dir = scratch();
    const result = await spoolLimited(Readable.from([Buffer.from("abc"), Buffer.from("defg")]), 16, dir);
    if (!result.ok) throw new Error(result.reason);
    expect(result.file.size).toBe(7);
    const [folder] = fs.readdirSync(dir);
    expect(fs.statSync(path.join(dir, folder)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, folder, "body")).mode & 0o777).toBe(0o600);
    expect((await result.file.read()).toString()).toBe("abcdefg");
    expect((await result.file.head(4)).toString()).toBe("abcd");
    expect((await result.file.head(4100)).toString()).toBe("abcdefg");
    await result.file.dispose();
    await result.file.dispose();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("past the limit: reads the rest without keeping it, refuses, and leaves nothing behind", async () => {
    const dir = scratch();
    let pulled = 0;
    const body = new Readable({
      read() {
        pulled += 1;
        this.push(pulled <= 40 ? Buffer.alloc(64 * 1024, 1) : null);
      },
    });
    expect(await spoolLimited(body, 1024 * 1024, dir)).toEqual({ ok: false, reason: "size" });
    // Drained to its end (busboy cuts a part off itself; the answer still has to be sent).
    expect(pulled).toBe(41);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("exactly the limit is kept; nothing at all is empty", async () => {
    const dir = scratch();
    const full = await spoolLimited(Readable.from([Buffer.alloc(10), Buffer.alloc(6)]), 16, dir);
    expect(full.ok && full.file.size).toBe(16);
    if (full.ok) await full.file.dispose();
    expect(await spoolLimited(Readable.from([]), 16, dir)).toEqual({ ok: false, reason: "empty" });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("a body that breaks off leaves nothing behind", async () => {
    const dir = scratch();
    const broken = new Readable({
      read() {
        this.destroy(new Error("aborted"));
      },
    });
    await expect(spoolLimited(broken, 16, dir)).rejects.toThrow("aborted");
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
