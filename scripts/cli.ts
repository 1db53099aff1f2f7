// Small helpers shared by the npm-script CLIs: argument parsing, opening the database the way the
// app does, and ending with one clear sentence (never a stack trace) and a meaningful exit code:
// 0 success, 1 the request failed (bad data, unknown union …), 2 the command line was wrong.
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { migrateDb, openDb, type Db, type DbHandle } from "../db/connect";

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A wrong command line: the message is followed by the usage text. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedCli {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** node:util parseArgs with strict checking, `--help`, and errors turned into UsageError. */
export function parseCli(options: Options, config: { usage: string; positionals?: number; argv?: string[] }): ParsedCli {
  const allOptions: Options = { ...options, help: { type: "boolean", short: "h" } };
  let parsed: ParsedCli;
  try {
    parsed = parseArgs({ args: config.argv ?? process.argv.slice(2), options: allOptions, allowPositionals: true, strict: true }) as ParsedCli;
  } catch (error) {
    throw new UsageError(argsMessage(error));
  }
  if (parsed.values.help) {
    console.log(config.usage);
    process.exit(0);
  }
  const expected = config.positionals ?? 0;
  if (parsed.positionals.length !== expected) {
    throw new UsageError(
      expected === 0
        ? `余分な引数があります: ${parsed.positionals.join(" ")}`
        : `引数の数が違います(${expected} 個必要ですが ${parsed.positionals.length} 個あります)`,
    );
  }
  return parsed;
}

/** node:util's messages are long and English; name the offending option in one short sentence. */
function argsMessage(error: unknown): string {
  const e = error as { code?: string; message?: string };
  const option = /'(-[^' ]*)/.exec(e.message ?? "")?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `知らないオプション ${option ?? ""} があります`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `オプション ${option ?? ""} の値が正しくありません(値が必要なものには値を、不要なものには付けないでください)`;
    default:
      return `引数が正しくありません: ${e.message ?? String(error)}`;
  }
}

/** A required string option, trimmed; missing or empty is a UsageError. */
export function requireOption(value: unknown, name: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} を指定してください`);
  return value.trim();
}

/** The app's database: DATABASE_URL (PostgreSQL), else PGlite in PGLITE_DIR or .data/pglite. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): { url?: string; pgliteDir?: string; label: string } {
  const url = env.DATABASE_URL?.trim();
  if (url) return { url, label: "PostgreSQL" };
  const pgliteDir = env.PGLITE_DIR?.trim() || path.join(process.cwd(), ".data", "pglite");
  return { pgliteDir, label: `PGlite (${pgliteDir})` };
}

/** Opens and migrates the database (a fresh PGlite directory works), runs `fn`, always closes. */
export async function withDb<T>(fn: (db: Db, handle: DbHandle) => Promise<T>): Promise<T> {
  const { url, pgliteDir, label } = databaseFromEnv();
  let handle: DbHandle;
  try {
    handle = await openDb(url ? { url, max: 2 } : { pgliteDir });
    await migrateDb(handle);
  } catch (error) {
    throw new CliError(`データベース ${label} に接続できません: ${messageOf(error)}`);
  }
  try {
    return await fn(handle.db, handle);
  } finally {
    await handle.close();
  }
}

/** The innermost driver message: Drizzle wraps driver errors in one that quotes the whole query. */
export function messageOf(error: unknown): string {
  let e = error;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Runs a CLI's main function and turns any failure into a message on stderr and an exit code. */
export function runCli(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      if (error instanceof CliError) {
        console.error(`エラー: ${error.message}`);
        if (error instanceof UsageError) console.error(`\n${usage}`);
        process.exit(error.exitCode);
      }
      console.error(`エラー: 予期しない問題が起きました: ${messageOf(error)}`);
      if (process.env.DEBUG) console.error(error);
      process.exit(1);
    },
  );
}
