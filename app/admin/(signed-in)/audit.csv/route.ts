// GET /admin/audit.csv[?union=ID][&encoding=sjis]: the audit log of the admin's unions.
import { exportCsv } from "@/lib/admin/export-route";
import { AUDIT_HEADER, auditRows } from "@/lib/admin/exports";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return exportCsv(request, "audit.csv", AUDIT_HEADER, auditRows);
}
