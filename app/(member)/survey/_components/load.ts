import "server-only";
import { getDb } from "@/db";
import { requireMember } from "@/lib/auth/current-member";
import { systemClock } from "@/lib/clock";
import { latestSurvey, loadMemberSurvey, type MemberRef } from "@/lib/survey/member-survey";

/** The signed-in member's survey for a page or action: always scoped by their own roster row. */
export async function memberSurvey() {
  const me = await requireMember();
  const ref: MemberRef = { memberId: me.member.id, unionId: me.union.id, insuredEntryId: me.entry.id };
  const db = await getDb();
  const survey = await loadMemberSurvey(db, systemClock, ref);
  return { me, ref, db, survey, latest: survey ? survey.survey : await latestSurvey(db, me.union.id) };
}
