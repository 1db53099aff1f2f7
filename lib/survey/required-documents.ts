// The documents a dependent's answers call for: one upload slot per document kind. Pure, so the
// member's list, the confirm page and the union's review agree.
//
// The rule, by answer (nothing at all when the answer is 外す):
// - 課税(非課税)証明書: everyone aged 16 or over at the base date (from that age a dependent may have
//   income of their own; the certificate shows it, or that there is none).
// - 在学証明書: 職業 学生, aged 16 or over (under 16 is compulsory schooling, no proof needed).
// - 年金額の通知書: 職業 年金受給者, or 年金 among the kinds of income, or a disability pension.
// - 直近3か月の給与明細: 職業 パート・アルバイト, or 給与 among the kinds of income.
// - 確定申告書の写し: 職業 自営業, or 事業 among the kinds of income.
// - 雇用保険受給資格者証: 雇用保険 among the kinds of income.
// - 直近3か月の送金の記録: 別居.
import { ageOn } from "./age";
import type { Answers } from "./answers-schema";

export const DOCUMENT_KINDS = {
  tax_certificate: { label: "課税(非課税)証明書", hint: "市区町村が発行する最新年度のもの" },
  enrollment_certificate: { label: "在学証明書", hint: "学校が発行するもの(学生証の写しでも可)" },
  pension_notice: { label: "年金額の通知書", hint: "年金額改定通知書・年金振込通知書など、最新のもの" },
  payslips: { label: "直近3か月の給与明細", hint: "3か月分すべて" },
  tax_return: { label: "確定申告書の写し", hint: "最新年分、収支内訳書(または青色申告決算書)を含む" },
  unemployment_certificate: { label: "雇用保険受給資格者証", hint: "基本手当日額がわかる面" },
  remittance_records: { label: "直近3か月の送金の記録", hint: "振込の控え・通帳の写し・現金書留の控えなど(手渡しは証明になりません)" },
} as const;

export type SlotKey = keyof typeof DOCUMENT_KINDS;
/** Every slot key, in the order the lists show them. The uploads side stores these in survey_files.slot_key. */
export const SLOT_KEYS = Object.keys(DOCUMENT_KINDS) as SlotKey[];
export const isSlotKey = (v: string): v is SlotKey => Object.hasOwn(DOCUMENT_KINDS, v);

export const TAX_CERTIFICATE_FROM_AGE = 16;

export function requiredDocuments(answers: Answers, dependent: { birthDate: string }, baseDate: string): SlotKey[] {
  if (answers.continuation === "remove") return [];
  const kinds = new Set(answers.incomeKinds ?? []);
  const adult = ageOn(dependent.birthDate, baseDate) >= TAX_CERTIFICATE_FROM_AGE;
  const need = new Set<SlotKey>();
  if (adult) need.add("tax_certificate");
  if (answers.occupation === "student" && adult) need.add("enrollment_certificate");
  if (answers.occupation === "pensioner" || kinds.has("pension") || answers.disabilityPension) need.add("pension_notice");
  if (answers.occupation === "part_time" || kinds.has("salary")) need.add("payslips");
  if (answers.occupation === "self_employed" || kinds.has("business")) need.add("tax_return");
  if (kinds.has("unemployment")) need.add("unemployment_certificate");
  if (answers.residence === "apart") need.add("remittance_records");
  return SLOT_KEYS.filter((k) => need.has(k));
}
