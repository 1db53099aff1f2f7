// GET /dev/mailbox.json?to=ADDRESS → [{ to, subject, text, createdAt }], newest first.
// A stable interface (SPEC: Mailbox): end-to-end tests read emailed codes from it.
import { getDb } from "@/db";
import { listMailbox, toMailboxJson } from "@/lib/email/mailbox";
import { mailboxMode } from "@/lib/env";
import { badQueryResponse, hasBadQuery } from "@/lib/validation/input-guard";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  if (!mailboxMode()) return new Response("Not Found", { status: 404 });
  const params = new URL(request.url).searchParams;
  const to = params.get("to");
  if (hasBadQuery(params) || (to?.length ?? 0) > 254) return badQueryResponse();
  const messages = await listMailbox(await getDb(), { to, limit: 100 });
  return Response.json(messages.map(toMailboxJson), { headers: { "Cache-Control": "no-store" } });
}
