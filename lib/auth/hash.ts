// Password hashing: argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1).
import os from "node:os";
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each hash touches 19 MiB. More of them at once than there are cores only thrashes memory
// (measured: 4 concurrent verifies in one process are slower than 2 on a 2-core machine), so
// they queue here instead of piling onto libuv's thread pool.
const slots = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running < slots) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the finishing task hands over its slot
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limited(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

// A real hash of a random password, so an unknown user ID costs one full verify, like a known one.
let dummy: Promise<string> | undefined;
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await dummy, password);
  return false;
}
