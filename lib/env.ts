// The environment, validated once. Development gets safe defaults; a production server with a
// missing or malformed variable stops at start with one sentence naming it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optional.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
        .optional(),
    ),
    PGLITE_DIR: optional,
    AUTH_SECRET: optional.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    RESEND_API_KEY: optional,
    RESEND_BASE_URL: optional.pipe(z.url("must be a URL").optional()),
    EMAIL_FROM: optional.pipe(z.string().includes("@", { message: "must contain an address" }).optional()),
    APP_URL: optional.pipe(z.url("must be a URL").optional()),
    APP_DEMO: optional,
    APP_MAILBOX: optional.pipe(z.enum(["0", "1"], { message: "must be 1 or 0" }).optional()),
    CRON_SECRET: optional.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    TRUSTED_PROXIES: optional.pipe(
      z
        .string()
        .regex(/^\d{1,2}$/, "must be a number of proxies (0 when clients connect directly)")
        .transform(Number)
        .default(0),
    ),
    PORT: optional.pipe(z.string().regex(/^\d+$/, "must be a port number").optional()),
  })
  .superRefine((env, ctx) => {
    if (env.RESEND_API_KEY && !env.EMAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["EMAIL_FROM"], message: "is required when RESEND_API_KEY is set" });
    }
  });

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string; PGLITE_DIR: string };

export class EnvError extends Error {}

/**
 * What a production server (not a script) also needs: a key for the cron routes, and either real
 * mail or an explicit APP_MAILBOX=1, because the built-in mailbox shows everyone's codes to anyone.
 */
export function checkServingEnv(e: Env): void {
  if (!e.RESEND_API_KEY && e.APP_MAILBOX !== "1") {
    throw new EnvError(
      "Environment variable RESEND_API_KEY is required in production: without it every mail, codes included, would be readable at /dev/mailbox. Set APP_MAILBOX=1 only for a preview or test server where that is intended.",
    );
  }
  if (!e.CRON_SECRET) {
    throw new EnvError("Environment variable CRON_SECRET is required in production: /api/cron/* must not be open to anyone (generate one with `openssl rand -hex 24`).");
  }
}

/** Parses `source`; `strict` (production server) requires a real AUTH_SECRET. */
export function parseEnv(source: NodeJS.ProcessEnv, strict: boolean): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EnvError(`Environment variable ${String(issue.path[0])} ${issue.message}.`);
  }
  const env = parsed.data;
  if (strict && !env.AUTH_SECRET) {
    throw new EnvError(
      "Environment variable AUTH_SECRET is required in production (generate one with `openssl rand -base64 33`).",
    );
  }
  return {
    ...env,
    PGLITE_DIR: env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"),
    AUTH_SECRET: env.AUTH_SECRET ?? developmentSecret(),
  };
}

/** Outside production a secret is generated once and kept in .data/ so sessions survive restarts. */
function developmentSecret(): string {
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(33).toString("base64");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** For scripts: the environment, or one sentence on stderr and exit code 1. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env, process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build");
  return cached;
}

/** True when mail goes to the built-in mailbox instead of Resend. */
export function mailboxMode(): boolean {
  return !env().RESEND_API_KEY;
}
