// The income hints as the member types: the answer form read without zod, then the limit that
// applies and any warnings. Shared by the React answer form and the lean page script.
import { readAnswersForm } from "../validation/answers-check";
import { incomeLimitFor, incomeWarnings } from "./income-limit";

export interface Hints {
  limit: string;
  warnings: string[];
}

export interface LiveHintsContext {
  birthDate: string;
  relationship: string;
  baseDate: string;
}

/** The hints for the form's current values, or null while an answer cannot be read yet. */
export function hintsFor(values: Record<string, FormDataEntryValue>, { birthDate, relationship, baseDate }: LiveHintsContext): Hints | null {
  const parsed = readAnswersForm(values);
  if (!parsed) return null;
  const a = parsed.answers;
  const dependent = { birthDate, relationship };
  const limit = incomeLimitFor({ ...dependent, disabilityPension: a.disabilityPension, livingApart: a.residence === "apart", monthlyRemittance: a.monthlyRemittance }, baseDate);
  return { limit: limit.text, warnings: incomeWarnings(a, dependent, baseDate) };
}
