// The storage chosen from the environment: S3 when S3_BUCKET is set, otherwise the local disk
// under UPLOAD_DIR (default .data/uploads). No "server-only" marker here, so `npm run worker`
// (plain Node) can use it too; the app imports it through ./index, which has the marker.
import path from "node:path";
import { diskStorage } from "./disk";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export function storageFromEnv(e: NodeJS.ProcessEnv = process.env): Storage {
  if (e.S3_BUCKET) {
    return s3Storage({
      bucket: e.S3_BUCKET,
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    });
  }
  return diskStorage(e.UPLOAD_DIR || path.join(process.cwd(), ".data", "uploads"));
}

const g = globalThis as unknown as { __storage?: Storage };

export function getStorage(): Storage {
  g.__storage ??= storageFromEnv();
  return g.__storage;
}
