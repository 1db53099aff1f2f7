// A PostgreSQL server of the test's own (initdb into a temp directory, a random port, trust auth),
// for fault tests that stop and start the database. The machine's shared cluster on :5432 is never
// touched: other suites run against it at the same time.
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Starts the server and resolves once it accepts connections (`pg_ctl -w`). */
  start(): Promise<void>;
  /** Fast shutdown: open connections are cut, as in a restart by an operator or a failover. */
  stop(): Promise<void>;
  /** Stops the server if it runs and removes its directory. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb"))) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root}/*/bin`);
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
}

/** A port nothing listens on now (the machine runs other services on fixed ports, e.g. NATS on 4222). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, run its binaries as the `postgres` OS user. */
async function asPostgres(bin: string, args: string[]): Promise<string> {
  const [command, argv] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const { stdout, stderr } = await run(command, argv, { timeout: 60_000 });
  return stdout + stderr;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fuyo-pg-"));
  const data = path.join(dir, "data");
  const sockets = path.join(dir, "sock");
  fs.mkdirSync(sockets);
  if (process.getuid?.() === 0) {
    const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
    const [uid, gid] = [await id("-u"), await id("-g")];
    for (const d of [dir, sockets]) fs.chownSync(d, uid, gid);
  }

  const port = await freePort();
  let running = false;
  const pgCtl = (...args: string[]) => asPostgres(path.join(bin, "pg_ctl"), ["-D", data, ...args]);
  await asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);

  const server: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      // fsync off: the data is thrown away, and a fast shutdown still writes a clean checkpoint.
      await pgCtl("-o", `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", path.join(dir, "server.log"), "-w", "-t", "30", "start");
      running = true;
    },
    async stop() {
      await pgCtl("-m", "fast", "-w", "-t", "30", "stop");
      running = false;
    },
    async destroy() {
      try {
        if (running || fs.existsSync(path.join(data, "postmaster.pid"))) await pgCtl("-m", "immediate", "-w", "-t", "30", "stop").catch(() => {});
      } finally {
        running = false;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return server;
}
