"use server";
import { getDb } from "@/db";
import { signOut } from "@/lib/auth/auth";
import { requireMember } from "@/lib/auth/current-member";
import { endSession } from "@/lib/auth/sessions";
import { audit } from "@/lib/audit";
import { systemClock } from "@/lib/clock";
import { currentClient } from "@/lib/request";

export async function logoutAction(): Promise<void> {
  const { member, sessionId } = await requireMember(true);
  const db = await getDb();
  await endSession(db, systemClock, sessionId, "logout");
  await audit(db, systemClock, { event: "session.ended", actorType: "member", actorId: member.id, unionId: member.unionId, ip: (await currentClient()).ip, details: { reason: "logout" } });
  await signOut({ redirectTo: "/login?reason=logout" });
}
