"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/admin/require-admin";
import { adminCookieName, adminCookieOptions, endAdminSession } from "@/lib/admin/sessions";
import { audit } from "@/lib/audit";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";

export async function adminLogoutAction(): Promise<void> {
  const { admin, sessionId } = await requireAdmin();
  const db = await getDb();
  if (await endAdminSession(db, systemClock, sessionId, "logout")) {
    await audit(db, systemClock, { event: "admin.session_ended", actorType: "admin", actorId: admin.id, unionId: admin.unionId, ip: (await currentClient()).ip, details: { reason: "logout" } });
  }
  // Deleted with the attributes it was set with: a __Host- cookie is only replaced by a Secure one.
  (await cookies()).set(adminCookieName(), "", { ...adminCookieOptions(), maxAge: 0 });
  redirect("/admin/login?reason=logout");
}
