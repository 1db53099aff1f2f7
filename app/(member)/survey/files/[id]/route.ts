// GET /survey/files/ID: a stored file, only to the member who uploaded it (anyone else: 404).
import { getDb } from "@/db";
import { memberFromRequest } from "@/lib/auth/current-member";
import { getStorage } from "@/lib/storage";
import { fileResponse, openFile } from "@/lib/uploads/read-file";

const notFound = () => new Response("見つかりません。", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return notFound();
  const member = await memberFromRequest();
  if (!member) return notFound();
  const opened = await openFile(await getDb(), getStorage(), { memberId: member.member.id }, Number(id));
  if (!opened) return notFound();
  return fileResponse(opened);
}
