import fs from "node:fs";
import path from "node:path";

export const RESULTS_FILE = path.join(process.cwd(), "bench", "results.json");

/**
 * Merges one benchmark's figures into bench/results.json under `key`, keeping the others. A dotted
 * key (`faults.database_restart`) nests: one group per kind of measurement.
 */
export function writeResults(key: string, figures: Record<string, number | string>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8"));
  } catch {
    // first run
  }
  const [group, name] = key.includes(".") ? key.split(".", 2) : [null, key];
  const parent = group === null ? all : ((all[group] ??= {}) as Record<string, unknown>);
  parent[name] = { ...figures, measured_at: new Date().toISOString() };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
