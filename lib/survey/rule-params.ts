// The target rule from a URL or form (untrusted): ages as whole numbers or blank, relationships as
// a list of roster words. Null when the input is unusable.
import type { TargetRule } from "./admin-surveys";
import { checkRule } from "./admin-surveys";

const age = (v: unknown): number | null | undefined => {
  const text = String(v ?? "").trim();
  if (text === "") return null;
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
};

export function parseRule(input: { ageFrom: unknown; ageTo: unknown; rel: unknown }): TargetRule | null {
  const ageFrom = age(input.ageFrom);
  const ageTo = age(input.ageTo);
  if (ageFrom === undefined || ageTo === undefined) return null;
  const list = Array.isArray(input.rel) ? input.rel : input.rel == null ? [] : [input.rel];
  const relationships = [...new Set(list.map((r) => String(r).trim()).filter(Boolean))].sort();
  const rule = { ageFrom, ageTo, relationships };
  return checkRule(rule) ? rule : null;
}
