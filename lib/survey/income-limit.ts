// The income limit that applies to a dependent on a date, and the warnings an answer deserves.
// Pure and dated, so a law change alters the table here, not a page. Warnings never block.
import { ageOn, yearEndOf } from "./age";

export const STANDARD_LIMIT = 1_300_000;
export const SENIOR_LIMIT = 1_800_000;
export const YOUNG_ADULT_LIMIT = 1_500_000;
/** From this date, 19–22-year-olds (age at 31 December of the year) have the 150万円 limit. */
export const YOUNG_ADULT_FROM = "2025-10-01";
export const SPOUSE_RELATIONSHIPS: ReadonlySet<string> = new Set(["妻", "夫", "配偶者"]);

export type IncomeLimitReason = "standard" | "senior" | "disability" | "young_adult";

export interface DependentFacts {
  birthDate: string;
  relationship: string;
  disabilityPension?: boolean;
  livingApart: boolean;
  /** 仕送り額(月額), yen; only meaningful when living apart. */
  monthlyRemittance?: number | null;
}

export interface IncomeLimit {
  /** The annual income must be UNDER this (yen): the smaller of the age/disability limit and, when living apart, remittance × 12. */
  limit: number;
  reason: IncomeLimitReason;
  /** The limit by age or disability alone. */
  baseLimit: number;
  /** Living apart with a known remittance: remittance × 12 (the income must also be under it). */
  remittanceCap: number | null;
  /** One Japanese sentence for the hint. */
  text: string;
}

const REASON_TEXT: Record<IncomeLimitReason, string> = {
  standard: "年間収入130万円未満",
  senior: "60歳以上のため、年間収入180万円未満",
  disability: "障害年金を受けられる程度の障害があるため、年間収入180万円未満",
  young_adult: "19歳以上23歳未満(その年の12月31日時点)のため、年間収入150万円未満",
};

export const yen = (n: number) => `${n.toLocaleString("ja-JP")}円`;

export function incomeLimitFor(dependent: DependentFacts, surveyDate: string): IncomeLimit {
  let reason: IncomeLimitReason = "standard";
  let baseLimit = STANDARD_LIMIT;
  if (ageOn(dependent.birthDate, surveyDate) >= 60) [reason, baseLimit] = ["senior", SENIOR_LIMIT];
  else if (dependent.disabilityPension) [reason, baseLimit] = ["disability", SENIOR_LIMIT];
  else if (surveyDate >= YOUNG_ADULT_FROM && !SPOUSE_RELATIONSHIPS.has(dependent.relationship)) {
    const age = ageOn(dependent.birthDate, yearEndOf(surveyDate));
    if (age >= 19 && age <= 22) [reason, baseLimit] = ["young_adult", YOUNG_ADULT_LIMIT];
  }
  const remittance = dependent.livingApart && dependent.monthlyRemittance != null && dependent.monthlyRemittance >= 0 ? dependent.monthlyRemittance : null;
  const remittanceCap = remittance === null ? null : remittance * 12;
  const limit = remittanceCap === null ? baseLimit : Math.min(baseLimit, remittanceCap);
  const text = remittanceCap === null ? `${REASON_TEXT[reason]}が目安です。` : `${REASON_TEXT[reason]}で、かつ仕送り額の12か月分(${yen(remittanceCap)})未満が目安です。`;
  return { limit, reason, baseLimit, remittanceCap, text };
}

export interface IncomeAnswers {
  continuation?: "continue" | "remove";
  occupation?: string;
  annualIncome?: number;
  incomeKinds?: readonly string[];
  residence?: "together" | "apart";
  monthlyRemittance?: number;
  disabilityPension?: boolean;
}

/** Sentences to show beside the answers when they suggest the dependent may no longer qualify. */
export function incomeWarnings(answers: IncomeAnswers, dependent: Pick<DependentFacts, "birthDate" | "relationship">, surveyDate: string): string[] {
  if (answers.continuation === "remove") return [];
  const livingApart = answers.residence === "apart";
  const facts: DependentFacts = { ...dependent, disabilityPension: answers.disabilityPension, livingApart, monthlyRemittance: answers.monthlyRemittance };
  const { baseLimit, remittanceCap } = incomeLimitFor(facts, surveyDate);
  const warnings: string[] = [];
  const income = answers.annualIncome;
  if (income != null && income >= baseLimit) warnings.push(`年間収入見込額が${yen(baseLimit)}以上のため、扶養の条件を満たさない可能性があります。`);
  if (livingApart && income != null && remittanceCap !== null && income >= remittanceCap && income < baseLimit)
    warnings.push(`別居の場合、年間収入見込額は仕送り額の12か月分(${yen(remittanceCap)})未満である必要があります。`);
  if (livingApart && answers.monthlyRemittance === 0) warnings.push("別居で仕送りがない場合、扶養の条件を満たさない可能性があります。");
  if (answers.occupation === "employee") warnings.push("会社員として勤務先の健康保険に加入している場合は、扶養から外す手続きが必要です。");
  if (answers.incomeKinds?.includes("unemployment")) {
    const daily = Math.floor(baseLimit / 360);
    warnings.push(`雇用保険の基本手当を受けている間は、日額が${yen(daily)}を超えると扶養の対象外になります。`);
  }
  return warnings;
}
