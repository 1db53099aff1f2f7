// A lean page: a member page rendered by Next on the server and sent without Next's browser
// runtime. Those pages' forms are server-action forms that already work without JavaScript, and
// the ~140 KB of React, router and RSC payload that would hydrate them is what an older phone
// spends its first seconds on. A page opts in by rendering <LeanPage /> (its marker); scripts/server.ts
// passes every member HTML answer through leanHtml().

export const LEAN_MARKER_NAME = "fuyo-lean";
const MARKER = `<meta name="${LEAN_MARKER_NAME}"`;

// Next's scripts (chunks and the inline RSC payload); ours carry data-lean. React escapes "</script"
// inside inline scripts, so the first closing tag ends each one.
const SCRIPT = /<script\b(?![^>]*\bdata-lean\b)[^>]*>[\s\S]*?<\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/g;
// A Suspense boundary still waiting for its content: the content would come with a script.
const PENDING_BOUNDARY = /<template id="B:|<!--\$\?-->/;

/** The page without Next's runtime, or null when the page did not ask for it (or cannot do without it). */
export function leanHtml(html: string): string | null {
  if (!html.includes(MARKER) || PENDING_BOUNDARY.test(html)) return null;
  return html.replace(SCRIPT, "").replace(SCRIPT_PRELOAD, "");
}
