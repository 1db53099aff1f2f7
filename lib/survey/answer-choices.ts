// The survey form's choices and the yen reading, without zod: the answer page's browser code uses
// them (lib/validation/answers-check.ts); answers-schema.ts re-exports them for everything else.
import { halfWidth } from "../normalize";

export const CONTINUATIONS = { continue: "続ける", remove: "外す" } as const;
export const REMOVAL_REASONS = { job: "就職", marriage: "結婚", apart: "別居", death: "死亡", other: "その他" } as const;
export const OCCUPATIONS = { employee: "会社員", part_time: "パート・アルバイト", student: "学生", self_employed: "自営業", pensioner: "年金受給者", unemployed: "無職", other: "その他" } as const;
export const INCOME_KINDS = { salary: "給与", pension: "年金", business: "事業", unemployment: "雇用保険", other: "その他" } as const;
export const RESIDENCES = { together: "同居", apart: "別居" } as const;
/** 手渡し is deliberately absent: a hand-over leaves no record the union can accept as proof. */
export const REMITTANCE_METHODS = { transfer: "振込", registered_mail: "現金書留" } as const;

export const MAX_YEN = 99_999_999;
export const ROSTER_CORRECTION_MAX = 500;

/** 全角 digits and commas are fine (「１，２００，０００」); a trailing 円 or a leading ¥ too. */
export function parseYen(value: string): number | null {
  const v = halfWidth(value).replace(/^[¥\\]/, "").replace(/円$/, "").replace(/[,、]/g, "").trim();
  if (!/^\d{1,12}$/.test(v)) return null;
  return Number(v);
}
