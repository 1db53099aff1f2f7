// The storage contract, the same for the disk and the S3 driver.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { expect, it } from "vitest";
import { diskStorage } from "@/lib/storage/disk";
import { newStorageKey } from "@/lib/storage/keys";
import { StorageNotFound } from "@/lib/storage/types";
import { describeEachStorage } from "../support/storages";

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describeEachStorage("storage contract", (t) => {
  it("puts a buffer and gets the same bytes back as a stream", async () => {
    const key = newStorageKey();
    const bytes = crypto.randomBytes(70_000);
    await t.storage.put(key, bytes, { contentType: "image/jpeg" });
    expect((await readAll(await t.storage.get(key))).equals(bytes)).toBe(true);
  });

  it("puts a stream of several chunks", async () => {
    const key = newStorageKey();
    const parts = [crypto.randomBytes(1000), crypto.randomBytes(200_000), crypto.randomBytes(5)];
    await t.storage.put(key, Readable.from(parts), { contentType: "application/pdf" });
    expect((await readAll(await t.storage.get(key))).equals(Buffer.concat(parts))).toBe(true);
  });

  it("overwrites a key with new bytes", async () => {
    const key = newStorageKey();
    await t.storage.put(key, Buffer.from("one"), { contentType: "image/png" });
    await t.storage.put(key, Buffer.from("two"), { contentType: "image/png" });
    expect((await readAll(await t.storage.get(key))).toString()).toBe("two");
  });

  it("deletes: the key then holds nothing, and deleting again is fine", async () => {
    const key = newStorageKey();
    await t.storage.put(key, Buffer.from("bytes"), { contentType: "image/png" });
    await t.storage.delete(key);
    await expect(t.storage.get(key)).rejects.toBeInstanceOf(StorageNotFound);
    await t.storage.delete(key);
  });

  it("a key never stored is StorageNotFound", async () => {
    await expect(t.storage.get(newStorageKey())).rejects.toBeInstanceOf(StorageNotFound);
  });

  it("refuses keys with path parts or other characters", async () => {
    for (const key of ["../etc/passwd", "a/b", "ABCDEFGH12", "", "abc", "x".repeat(65), "abcdefgh.jpg"]) {
      await expect(t.storage.put(key, Buffer.from("x"), { contentType: "image/png" })).rejects.toThrow(/invalid storage key/);
      await expect(t.storage.get(key)).rejects.toThrow(/invalid storage key/);
    }
  });
});

describeEachStorage("a dropped stream", (t) => {
  it("leaves nothing stored under the key (and on disk no temporary file)", async () => {
    const key = newStorageKey();
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error("connection dropped"));
      },
    });
    await expect(t.storage.put(key, failing, { contentType: "image/jpeg" })).rejects.toThrow(/connection dropped/);
    if (t.kind === "disk") {
      const folder = path.join(t.dir, key.slice(0, 2));
      const left = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.startsWith(key)) : [];
      expect(left).toEqual([]);
    }
    await expect(t.storage.get(key)).rejects.toBeInstanceOf(StorageNotFound);
  });
});

it("the disk driver writes only under its root", async () => {
  const root = fs.mkdtempSync(path.join((await import("node:os")).tmpdir(), "fuyo-root-"));
  const storage = diskStorage(root);
  const key = newStorageKey();
  await storage.put(key, Buffer.from("x"), { contentType: "image/png" });
  expect(fs.existsSync(path.join(root, key.slice(0, 2), key))).toBe(true);
  fs.rmSync(root, { recursive: true, force: true });
});
