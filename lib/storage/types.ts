// The one storage interface: uploaded bytes live behind it, the database holds only metadata.
import type { Readable } from "node:stream";

export interface PutOptions {
  contentType: string;
}

export interface Storage {
  readonly kind: "disk" | "s3";
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<void>;
  /** The stored bytes as a stream; rejects with StorageNotFound when the key holds nothing. */
  get(key: string): Promise<Readable>;
  /** Removes the bytes; deleting a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageNotFound extends Error {
  constructor(key: string) {
    super(`no stored object for key ${key}`);
    this.name = "StorageNotFound";
  }
}

/** Keys are ours alone: random ids, never a user-supplied path part. */
export const KEY_PATTERN = /^[a-z0-9]{8,64}$/;

export function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error("invalid storage key");
}
