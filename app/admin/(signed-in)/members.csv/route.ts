// GET /admin/members.csv[?union=ID][&encoding=sjis]: the members of the admin's unions.
import { exportCsv } from "@/lib/admin/export-route";
import { MEMBER_HEADER, memberRows } from "@/lib/admin/exports";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return exportCsv(request, "members.csv", MEMBER_HEADER, memberRows);
}
