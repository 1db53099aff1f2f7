// Rendered by a member page that needs no React in the browser. Its marker tells scripts/server.ts
// to take Next's runtime out of the HTML (lib/http/lean-html.ts); its one script (lib/lean/forms.ts,
// bundled by scripts/build-lean.ts) gives the page's forms their instant feedback instead. Under
// `next dev` nothing is taken out and the script stands aside for React.
import fs from "node:fs";
import path from "node:path";
import { headers } from "next/headers";
import { LEAN_MARKER_NAME } from "@/lib/http/lean-html";
import { errorFields, log } from "@/lib/log";

let scriptUrl: string | null | undefined;

/** The bundled script's address; null (the forms still work, without instant feedback) if it was never built. */
function leanScriptUrl(): string | null {
  if (scriptUrl === undefined || process.env.NODE_ENV === "development") {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), "public", "lean", "manifest.json"), "utf8")) as { forms: string };
      scriptUrl = manifest.forms;
    } catch (error) {
      log.error(errorFields(error), "lean page script missing: run `npm run build` (it runs scripts/build-lean.ts)");
      scriptUrl = null;
    }
  }
  return scriptUrl;
}

export async function LeanPage() {
  const csp = (await headers()).get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const src = leanScriptUrl();
  return (
    <>
      <meta name={LEAN_MARKER_NAME} content="1" />
      {src && <script src={src} defer nonce={nonce} data-lean="" />}
      <noscript>
        <style nonce={nonce}>{".when-off{display:revert !important}"}</style>
      </noscript>
    </>
  );
}
