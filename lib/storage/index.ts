import "server-only";
// The storage the app uses (see ./from-env): the same instance for every request of a process.
export type { Storage } from "./types";
export { StorageNotFound } from "./types";
export { newStorageKey } from "./keys";
export { getStorage, storageFromEnv } from "./from-env";
