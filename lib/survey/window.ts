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

/** 2026-10-01 → 「2026年(令和8年)10月1日」 */
export function formatJapaneseDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const era = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { era: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d))).replace(/(\D)1年/, "$1元年");
  return `${y}年(${era})${m}月${d}日`;
}
