// Bundles the lean pages' script (lib/lean/forms.ts) into public/lean/, named by its content's
// hash so browsers may keep it for good, and writes the name to public/lean/manifest.json for
// <LeanPage /> to read. Part of `npm run build` and `npm run dev`.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const outDir = path.join(process.cwd(), "public", "lean");
const result = await build({
  entryPoints: ["lib/lean/forms.ts"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2022", "safari16"],
  write: false,
  legalComments: "none",
  logLevel: "warning",
});
const code = result.outputFiles[0].contents;
const name = `forms.${createHash("sha256").update(code).digest("hex").slice(0, 12)}.js`;
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, name), code);
fs.writeFileSync(path.join(outDir, "manifest.json"), `${JSON.stringify({ forms: `/lean/${name}` })}\n`);
console.log(`lean script: /lean/${name} (${code.length} bytes)`);
