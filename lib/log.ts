// Structured logs: one JSON line per event (pino), each with the request id and, where known, the
// member or admin it concerns. Secrets never reach a line: the redaction list below covers every
// field name that could carry a password, a code, a token or a cookie. `next dev` prints readably.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";

export interface RequestContext {
  requestId: string;
  memberId?: number;
  adminId?: number;
}

// One store per process, shared by scripts/server.ts and the bundled app (which load this file
// as separate module instances), hence the global symbol.
const STORE = Symbol.for("fuyo.requestContext");
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
export const requestContext: AsyncLocalStorage<RequestContext> = (globals[STORE] ??= new AsyncLocalStorage<RequestContext>());

const SECRET_KEYS = ["password", "newPassword", "currentPassword", "passwordConfirm", "code", "token", "secret", "totpSecret", "passwordHash", "cookie", "authorization", "set-cookie"];
export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), ...SECRET_KEYS.map((k) => `*.*.${k}`)];

function makeLogger(): Logger {
  const options = {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { service: "fuyo" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every line learns who and which request it belongs to from the request's context.
    mixin: () => {
      const c = requestContext.getStore();
      return c ? { requestId: c.requestId, memberId: c.memberId, adminId: c.adminId } : {};
    },
  };
  if (process.env.NODE_ENV === "development") {
    // Readable in a terminal; loaded lazily so production never touches it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require("pino-pretty") as (o: object) => NodeJS.WritableStream;
    return pino(options, pretty({ colorize: true, ignore: "pid,hostname,service", translateTime: "SYS:HH:MM:ss" }));
  }
  // Lines are gathered and written 4 KB (or a second) at a time rather than one write() per line,
  // which cost a login about a millisecond of CPU; pino flushes what is left when the process exits.
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1000).unref();
  return pino(options, destination);
}

const LOGGER = Symbol.for("fuyo.logger");
const loggers = globalThis as unknown as Record<symbol, Logger | undefined>;
export const log: Logger = (loggers[LOGGER] ??= makeLogger());

/** Records who the current request belongs to, so later lines (and the access line) carry it. */
export function identifyRequest(who: { memberId?: number; adminId?: number }): void {
  const c = requestContext.getStore();
  if (c) Object.assign(c, who);
}

/** An error as loggable fields: never the raw object (it may hold query parameters). */
export function errorFields(error: unknown): { err: { name: string; message: string; code?: string; stack?: string } } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    // drizzle's "Failed query: … params: …" would put typed values (addresses, hashes) in the log.
    const message = error.message.split("\nparams:")[0].slice(0, 500);
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message.slice(0, 300)})` : "";
    return { err: { name: error.name, message: message + cause, code: typeof code === "string" ? code : undefined, stack: error.stack?.split("\nparams:")[0] } };
  }
  return { err: { name: "NonError", message: String(error).slice(0, 500) } };
}
