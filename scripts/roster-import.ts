// npm run roster:import -- --union jkc FILE.csv [--replace]
// Imports a roster CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) all or nothing. On invalid
// data every `line N: …` goes to stderr and nothing is imported.
import fs from "node:fs";
import { systemClock } from "../lib/clock";
import { unionCodeOf } from "../lib/roster/fields";
import { importRoster } from "../lib/roster/import";
import { CliError, parseCli, requireOption, runCli, withDb } from "./cli";

const USAGE = `使い方: npm run roster:import -- --union CODE FILE.csv [--replace]
  --union CODE   保険者指定コード(例: jkc)
  --replace      ファイルにない人を無効にする(削除はしません)`;

function statFile(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch {
    throw new CliError(`ファイル「${file}」が見つかりません`);
  }
}

/** A one-line progress report on a terminal, at most once a second. */
function progressReporter(totalBytes: number) {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update: ({ bytes, rows }: { bytes: number; rows: number }) => {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      const pct = totalBytes ? Math.min(100, Math.floor((bytes / totalBytes) * 100)) : 0;
      process.stderr.write(`\r読み込み中… ${rows.toLocaleString("ja-JP")} 行(${pct}%)`);
    },
    done: () => last && process.stderr.write("\r\x1b[K"),
  };
}

async function main() {
  const { values, positionals } = parseCli(
    { union: { type: "string" }, replace: { type: "boolean" } },
    { usage: USAGE, positionals: 1 },
  );
  const unionCode = requireOption(values.union, "union");
  const file = positionals[0];
  const stat = statFile(file);
  if (!stat.isFile()) throw new CliError(`「${file}」はファイルではありません`);

  await withDb(async (db) => {
    const started = performance.now();
    const progress = progressReporter(stat.size);
    const result = await importRoster(db, {
      unionCode,
      input: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
      fileName: file.split(/[\\/]/).pop() ?? file,
      replace: values.replace === true,
      clock: systemClock,
      onProgress: progress.update,
    });
    progress.done();
    if (!result.ok) {
      if (result.reason === "unknown_union") throw new CliError(result.errors[0]);
      for (const line of result.errors) console.error(line);
      const hidden = result.errorCount - result.errors.length;
      if (hidden > 0) console.error(`…ほか ${hidden.toLocaleString("ja-JP")} 件のエラー`);
      throw new CliError(`名簿は取り込まれていません(エラー ${result.errorCount.toLocaleString("ja-JP")} 件)。ファイルを直してもう一度実行してください`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`名簿を取り込みました: ${unionCodeOf(unionCode)} ← ${file}`);
    console.log(`rows: ${result.rows}`);
    console.log(`inserted: ${result.inserted}`);
    console.log(`updated: ${result.updated}`);
    console.log(`unchanged: ${result.unchanged}`);
    console.log(`deactivated: ${result.deactivated}`);
    console.log(`encoding: ${result.encoding}`);
    console.log(`seconds: ${seconds.toFixed(1)}`);
  });
}

runCli(main, USAGE);
