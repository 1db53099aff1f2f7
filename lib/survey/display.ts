// How answers read back to people (confirm page, admin review, CSV): one place for the words.
import { CONTINUATIONS, INCOME_KINDS, OCCUPATIONS, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES, type Answers } from "./answers-schema";
import { yen } from "./income-limit";
import { formatJapaneseDate } from "./window";

export interface AnswerLine {
  label: string;
  value: string;
}

const or = (v: string | undefined) => v ?? "未入力";

/** The answers that apply, as label/value lines in the order of the form. */
export function answerLines(a: Answers): AnswerLine[] {
  const lines: AnswerLine[] = [{ label: "扶養の継続", value: or(a.continuation && CONTINUATIONS[a.continuation]) }];
  if (a.continuation === "remove") {
    lines.push({ label: "外す理由", value: or(a.removalReason && REMOVAL_REASONS[a.removalReason]) });
    lines.push({ label: "外す日", value: or(a.removalDate && formatJapaneseDate(a.removalDate)) });
    return lines;
  }
  lines.push({ label: "職業", value: or(a.occupation && OCCUPATIONS[a.occupation]) });
  lines.push({ label: "年間収入見込額", value: a.annualIncome === undefined ? "未入力" : yen(a.annualIncome) });
  lines.push({ label: "収入の種類", value: a.incomeKinds?.length ? a.incomeKinds.map((k) => INCOME_KINDS[k]).join("、") : "なし" });
  if (a.disabilityPension) lines.push({ label: "障害年金", value: "受けている(受けられる程度の障害がある)" });
  lines.push({ label: "同居 / 別居", value: or(a.residence && RESIDENCES[a.residence]) });
  if (a.residence === "apart") {
    lines.push({ label: "仕送り額(月額)", value: a.monthlyRemittance === undefined ? "未入力" : yen(a.monthlyRemittance) });
    lines.push({ label: "送金方法", value: or(a.remittanceMethod && REMITTANCE_METHODS[a.remittanceMethod]) });
  }
  return lines;
}

/** The saved answers as the form's string values (what FormData would carry). */
export function answersToFormValues(a: Answers, rosterCorrection: string | null): Record<string, string> {
  const v: Record<string, string> = {};
  if (a.continuation) v.continuation = a.continuation;
  if (a.removalReason) v.removalReason = a.removalReason;
  if (a.removalDate) v.removalDate = a.removalDate;
  if (a.occupation) v.occupation = a.occupation;
  if (a.annualIncome !== undefined) v.annualIncome = a.annualIncome.toLocaleString("ja-JP");
  for (const k of a.incomeKinds ?? []) v[`income_${k}`] = "on";
  if (a.disabilityPension) v.disabilityPension = "on";
  if (a.residence) v.residence = a.residence;
  if (a.monthlyRemittance !== undefined) v.monthlyRemittance = a.monthlyRemittance.toLocaleString("ja-JP");
  if (a.remittanceMethod) v.remittanceMethod = a.remittanceMethod;
  if (rosterCorrection) v.rosterCorrection = rosterCorrection;
  return v;
}
