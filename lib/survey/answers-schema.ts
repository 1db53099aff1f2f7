// One dependent's answers: the form (strings from FormData) → the stored shape, and the rule for
// "complete enough to submit". A draft may be incomplete but never malformed; 次へ and 提出する need
// everything that applies (the reason and date when 外す; the rest when 続ける).
import { z } from "zod";
import { halfWidth } from "../normalize";
import { CONTINUATIONS, INCOME_KINDS, MAX_YEN, OCCUPATIONS, parseYen, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES, ROSTER_CORRECTION_MAX } from "./answer-choices";
import { isRealDate } from "../validation/fields";

export { CONTINUATIONS, INCOME_KINDS, MAX_YEN, OCCUPATIONS, parseYen, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES, ROSTER_CORRECTION_MAX };

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** The stored answers (survey_answers.answers). Every key optional: a draft may stop anywhere. */
export const storedAnswersSchema = z.object({
  continuation: z.enum(keys(CONTINUATIONS)).optional(),
  removalReason: z.enum(keys(REMOVAL_REASONS)).optional(),
  removalDate: z.string().refine(isRealDate).optional(),
  occupation: z.enum(keys(OCCUPATIONS)).optional(),
  annualIncome: z.number().int().min(0).max(MAX_YEN).optional(),
  incomeKinds: z.array(z.enum(keys(INCOME_KINDS))).optional(),
  disabilityPension: z.boolean().optional(),
  residence: z.enum(keys(RESIDENCES)).optional(),
  monthlyRemittance: z.number().int().min(0).max(MAX_YEN).optional(),
  remittanceMethod: z.enum(keys(REMITTANCE_METHODS)).optional(),
});
export type Answers = z.infer<typeof storedAnswersSchema>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const choice = <T extends Record<string, string>>(options: T, label: string) =>
  z.preprocess(blankToUndefined, z.enum(keys(options), { error: `${label}を選んでください。` }).optional());

const yenField = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, ctx) => {
        const n = parseYen(v);
        if (n === null) {
          ctx.addIssue({ code: "custom", message: `${label}は数字で入力してください(例: 1,000,000)。「万」などの文字は使えません。` });
          return z.NEVER;
        }
        if (n > MAX_YEN) {
          ctx.addIssue({ code: "custom", message: `${label}は99,999,999円以下で入力してください。` });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  );

const checked = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

/** The form's fields (FormData names). Income kinds are one checkbox each: income_salary, income_pension … */
export const answersFormSchema = z
  .object({
    continuation: choice(CONTINUATIONS, "扶養の継続"),
    removalReason: choice(REMOVAL_REASONS, "外す理由"),
    removalDate: z.preprocess(
      (v) => (typeof v === "string" ? blankToUndefined(halfWidth(v).replace(/\//g, "-")) : v),
      z.string().refine(isRealDate, "日付を正しく入力してください。").optional(),
    ),
    occupation: choice(OCCUPATIONS, "職業"),
    annualIncome: yenField("年間収入見込額"),
    income_salary: checked,
    income_pension: checked,
    income_business: checked,
    income_unemployment: checked,
    income_other: checked,
    disabilityPension: checked,
    residence: choice(RESIDENCES, "同居 / 別居"),
    monthlyRemittance: yenField("仕送り額"),
    remittanceMethod: choice(REMITTANCE_METHODS, "送金方法"),
    rosterCorrection: z.preprocess(
      (v) => (typeof v === "string" ? blankToUndefined(v.trim()) : v),
      z.string().max(ROSTER_CORRECTION_MAX, `${ROSTER_CORRECTION_MAX}文字以内で入力してください。`).optional(),
    ),
  })
  .transform(({ income_salary, income_pension, income_business, income_unemployment, income_other, rosterCorrection, ...rest }) => {
    const flags = { salary: income_salary, pension: income_pension, business: income_business, unemployment: income_unemployment, other: income_other };
    const incomeKinds = keys(INCOME_KINDS).filter((k) => flags[k]);
    const answers: Answers = Object.fromEntries(Object.entries({ ...rest, incomeKinds }).filter(([, v]) => v !== undefined));
    if (!answers.disabilityPension) delete answers.disabilityPension;
    return { answers, rosterCorrection: rosterCorrection ?? null };
  });

/** What is still missing for a submit, as field → message (empty when complete). */
export function missingAnswers(a: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  if (!a.continuation) out.continuation = "扶養の継続(続ける / 外す)を選んでください。";
  if (a.continuation === "remove") {
    if (!a.removalReason) out.removalReason = "外す理由を選んでください。";
    if (!a.removalDate) out.removalDate = "外す日(就職日・結婚日など)を入力してください。";
    return out;
  }
  if (!a.occupation) out.occupation = "職業を選んでください。";
  if (a.annualIncome === undefined) out.annualIncome = "年間収入見込額を入力してください(収入がない場合は 0)。";
  else if (a.annualIncome > 0 && !a.incomeKinds?.length) out.incomeKinds = "収入の種類を1つ以上選んでください。";
  if (!a.residence) out.residence = "同居 / 別居を選んでください。";
  if (a.residence === "apart") {
    if (a.monthlyRemittance === undefined) out.monthlyRemittance = "仕送り額(月額)を入力してください。";
    if (!a.remittanceMethod) out.remittanceMethod = "送金方法を選んでください。";
  }
  return out;
}

export const isComplete = (a: Answers) => Object.keys(missingAnswers(a)).length === 0;

/** Reads a stored jsonb value; anything that does not fit (an old shape) reads as empty. */
export function readAnswers(value: unknown): Answers {
  const parsed = storedAnswersSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Only the answers that apply: a 外す answer drops the rest, a 同居 answer drops the remittance. */
export function relevantAnswers(a: Answers): Answers {
  if (a.continuation === "remove") return { continuation: a.continuation, removalReason: a.removalReason, removalDate: a.removalDate };
  const { removalReason: _r, removalDate: _d, ...rest } = a;
  if (rest.residence !== "apart") {
    delete rest.monthlyRemittance;
    delete rest.remittanceMethod;
  }
  return rest;
}
