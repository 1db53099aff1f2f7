// Each storage driver for contract tests: the disk in a temp dir, and S3 against a local s3rver
// started on a random port in a temp dir of its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe } from "vitest";
import { diskStorage } from "@/lib/storage/disk";
import { s3Storage } from "@/lib/storage/s3";
import type { Storage } from "@/lib/storage/types";

export type StorageKind = "disk" | "s3";

export interface TestStorage {
  kind: StorageKind;
  readonly storage: Storage;
  /** Disk only: the root directory. */
  readonly dir: string;
}

export async function openTestStorage(kind: StorageKind): Promise<{ storage: Storage; dir: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fuyo-${kind}-`));
  if (kind === "disk") {
    return { storage: diskStorage(dir), dir, close: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: S3rver } = await import("s3rver");
  const bucket = "fuyo-test";
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
  const address: AddressInfo = await server.run();
  const storage = s3Storage({
    bucket,
    endpoint: `http://127.0.0.1:${address.port}`,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  });
  return {
    storage,
    dir,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function describeEachStorage(title: string, body: (t: TestStorage) => void): void {
  for (const kind of ["disk", "s3"] as const) {
    describe(`${title} [${kind}]`, () => {
      let opened: Awaited<ReturnType<typeof openTestStorage>> | undefined;
      const t: TestStorage = {
        kind,
        get storage() {
          if (!opened) throw new Error("storage not open yet");
          return opened.storage;
        },
        get dir() {
          return opened?.dir ?? "";
        },
      };
      beforeAll(async () => {
        opened = await openTestStorage(kind);
      });
      afterAll(async () => {
        await opened?.close();
      });
      body(t);
    });
  }
}
