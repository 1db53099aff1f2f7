// Browsers post Content-Security-Policy violations here (report-uri). Each one is logged; the
// e2e suite also counts them, so a page that breaks the policy fails a test.
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const MAX_BYTES = 16_384;

export async function POST(request: Request): Promise<Response> {
  const body = (await request.text()).slice(0, MAX_BYTES);
  let report: unknown = null;
  try {
    report = (JSON.parse(body) as { "csp-report"?: unknown })["csp-report"] ?? null;
  } catch {
    return new Response(null, { status: 400 });
  }
  if (report && typeof report === "object") {
    const r = report as Record<string, unknown>;
    const pick = (k: string) => (typeof r[k] === "string" ? (r[k] as string).split("?")[0].slice(0, 200) : undefined);
    log.warn({ documentUri: pick("document-uri"), directive: pick("violated-directive"), blockedUri: pick("blocked-uri") }, "csp violation");
  }
  return new Response(null, { status: 204 });
}
