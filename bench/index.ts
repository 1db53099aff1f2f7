// npm run bench [-- NAME [options]]: runs one benchmark, or every one when no name is given.
// Each benchmark module exports `run(args)` and merges its figures into bench/results.json.
type Bench = { run(args: string[]): Promise<void> };

const BENCHES: Record<string, () => Promise<Bench>> = {
  roster: () => import("./roster"),
  login: () => import("./login"),
  admin: () => import("./admin"),
  upload: () => import("./upload"),
  pages: () => import("./pages"),
  survey: () => import("./survey"),
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (name === "--help" || name === "-h") {
    console.log(`使い方: npm run bench [-- NAME [options]]\n  NAME: ${Object.keys(BENCHES).join(", ")}(省略するとすべて)`);
    return;
  }
  if (name?.startsWith("-")) throw new Error(`options belong to one benchmark: npm run bench -- NAME ${name} …`);
  if (name) {
    const load = BENCHES[name];
    if (!load) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(", ")})`);
    await (await load()).run(args);
    return;
  }
  // Every benchmark with its defaults, one after another (they would skew each other in parallel).
  for (const [key, load] of Object.entries(BENCHES)) {
    console.log(`\n== ${key} ==`);
    await (await load()).run([]);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    process.exit(1);
  },
);
