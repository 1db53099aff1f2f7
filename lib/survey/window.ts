// The union's survey window (dates in Japan time, stored as `date`).
import { todayInJapan } from "../validation/fields";

export type SurveyPhase = "before" | "open" | "after" | "unset";

export function surveyPhase(union: { surveyOpensOn: string | null; surveyClosesOn: string | null }, now: Date): SurveyPhase {
  if (!union.surveyOpensOn || !union.surveyClosesOn) return "unset";
  const today = todayInJapan(now);
  if (today < union.surveyOpensOn) return "before";
  if (today > union.surveyClosesOn) return "after";
  return "open";
}

/** 00:00 Japan time of a YYYY-MM-DD date, as an instant. */
export function jstMidnight(iso: string): Date {
  return new Date(`${iso}T00:00:00+09:00`);
}

/** 00:00 Japan time of the day after `iso`: the exclusive end of a window whose last day is `iso`. */
export function jstEndExclusive(iso: string): Date {
  return new Date(jstMidnight(iso).getTime() + 86_400_000);
}

/** Where `now` falls in a survey's window (opens_at inclusive, closes_at exclusive). */
export function windowPhase(survey: { opensAt: Date; closesAt: Date }, now: Date): "before" | "open" | "after" {
  if (now < survey.opensAt) return "before";
  if (now >= survey.closesAt) return "after";
  return "open";
}

/** The union reopened this one case (lib/survey/reopen.ts) and the date it gave has not passed. */
export function isReopened(response: { reopenedUntil: Date | null }, now: Date): boolean {
  return response.reopenedUntil != null && now < response.reopenedUntil;
}

/**
 * Where `now` falls for one member's response: the survey's window, except that a case the union
 * reopened is open until its own date (other members of the closed survey stay closed).
 */
export function responsePhase(survey: { opensAt: Date; closesAt: Date }, response: { reopenedUntil: Date | null }, now: Date): "before" | "open" | "after" {
  const phase = windowPhase(survey, now);
  return phase === "after" && isReopened(response, now) ? "open" : phase;
}

/** 2026-10-01 → 「2026年(令和8年)10月1日」 */
export function formatJapaneseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const era = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d))).replace(/(\D)1年/, "$1元年");
  return `${y}年(${era})${m}月${d}日`;
}
