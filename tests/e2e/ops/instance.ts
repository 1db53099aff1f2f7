// A second production server on the suite's database (another port), for tests about what holds
// across instances and about the server's own environment rules.
import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "@playwright/test";
import { freePort } from "../../support/private-postgres";
import { e2eServerEnv } from "../db";

export interface Instance {
  url: string;
  output(): string;
  /** Whether the server process is still the one started (it has not exited). */
  running(): boolean;
  stop(): Promise<void>;
}

function spawnServer(env: NodeJS.ProcessEnv, port: number): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

export async function startInstance(extra: Record<string, string | undefined> = {}): Promise<Instance> {
  const port = await freePort();
  const { child, output } = spawnServer({ ...e2eServerEnv(), ...extra }, port);
  const url = `http://127.0.0.1:${port}`;
  await expect
    .poll(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status ?? (child.exitCode === null ? 0 : -1), { timeout: 60_000, message: `second server on ${port}` })
    .toBe(200);
  return {
    url,
    output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Starts a server that is expected to refuse: resolves with its exit code and what it printed. */
export async function runRefusingServer(overrides: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const env = { ...e2eServerEnv(), ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === undefined) delete env[k];
  const { child, output } = spawnServer(env, await freePort());
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  return { code, output: output() };
}

