// The browser's reading of the survey answer form (for the live income hints), without zod. The
// server saves with answersFormSchema (lib/survey/answers-schema.ts); tests/unit/client-checks.test.ts
// holds this reading to the same answers, and to null exactly when the schema refuses the form.
import type { Answers } from "../survey/answers-schema";
import { CONTINUATIONS, INCOME_KINDS, MAX_YEN, OCCUPATIONS, parseYen, REMITTANCE_METHODS, REMOVAL_REASONS, RESIDENCES, ROSTER_CORRECTION_MAX } from "../survey/answer-choices";
import { halfWidth } from "../normalize";
import { isRealDate } from "./dates";

const INVALID = Symbol("invalid");
type Read<T> = T | undefined | typeof INVALID;

const blank = (v: unknown) => v === undefined || (typeof v === "string" && v.trim() === "");

function choice<T extends Record<string, string>>(options: T, v: unknown): Read<keyof T & string> {
  if (blank(v)) return undefined;
  return typeof v === "string" && Object.hasOwn(options, v) ? (v as keyof T & string) : INVALID;
}

function yen(v: unknown): Read<number> {
  if (blank(v)) return undefined;
  if (typeof v !== "string") return INVALID;
  const n = parseYen(v);
  return n === null || n > MAX_YEN ? INVALID : n;
}

const checked = (v: unknown) => v === "on" || v === "true" || v === "1";

/** The answers the form holds, or null when the server would refuse it (a field message). */
export function readAnswersForm(values: Record<string, unknown>): { answers: Answers; rosterCorrection: string | null } | null {
  const get = (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
  const rawDate = get("removalDate");
  const date = typeof rawDate === "string" ? halfWidth(rawDate).replace(/\//g, "-") : rawDate;
  const removalDate: Read<string> = blank(date) ? undefined : typeof date === "string" && isRealDate(date) ? date : INVALID;
  const rawNote = get("rosterCorrection");
  const note = typeof rawNote === "string" ? rawNote.trim() : rawNote;
  const rosterCorrection: Read<string> = blank(note) ? undefined : typeof note === "string" && [...note].length <= ROSTER_CORRECTION_MAX ? note : INVALID;
  const read = {
    continuation: choice(CONTINUATIONS, get("continuation")),
    removalReason: choice(REMOVAL_REASONS, get("removalReason")),
    removalDate,
    occupation: choice(OCCUPATIONS, get("occupation")),
    annualIncome: yen(get("annualIncome")),
    disabilityPension: checked(get("disabilityPension")),
    residence: choice(RESIDENCES, get("residence")),
    monthlyRemittance: yen(get("monthlyRemittance")),
    remittanceMethod: choice(REMITTANCE_METHODS, get("remittanceMethod")),
  };
  if (rosterCorrection === INVALID || Object.values(read).includes(INVALID)) return null;
  const incomeKinds = (Object.keys(INCOME_KINDS) as (keyof typeof INCOME_KINDS)[]).filter((k) => checked(get(`income_${k}`)));
  const answers = Object.fromEntries(Object.entries({ ...read, incomeKinds }).filter(([, v]) => v !== undefined)) as Answers;
  if (!answers.disabilityPension) delete answers.disabilityPension;
  return { answers, rosterCorrection: rosterCorrection ?? null };
}
