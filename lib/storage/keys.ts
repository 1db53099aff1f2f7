import crypto from "node:crypto";

/** A new storage key: 32 random hex characters, no path, no extension, nothing from the user. */
export function newStorageKey(): string {
  return crypto.randomBytes(16).toString("hex");
}
