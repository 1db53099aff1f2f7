// Local disk storage under UPLOAD_DIR (outside the web root). Each key is one file in a two-level
// fan-out; bytes are written to a temporary name and renamed, so a reader never sees half a file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertKey, StorageNotFound, type PutOptions, type Storage } from "./types";

export function diskStorage(root: string): Storage {
  const base = path.resolve(root);
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(base, key.slice(0, 2), key);
  };
  return {
    kind: "disk",
    async put(key: string, body: Buffer | Readable, _options: PutOptions) {
      const target = fileOf(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const temp = `${target}.${crypto.randomBytes(6).toString("hex")}.tmp`;
      try {
        const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
        await pipeline(source, fs.createWriteStream(temp, { flags: "wx", mode: 0o600 }));
        await fs.promises.rename(temp, target);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
    },
    async get(key: string) {
      const file = fileOf(key);
      try {
        const handle = await fs.promises.open(file, "r");
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StorageNotFound(key);
        throw error;
      }
    },
    async delete(key: string) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
  };
}
