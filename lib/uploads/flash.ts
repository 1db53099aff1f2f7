// The no-JavaScript round trip: after a plain form POST the route redirects (303) back to the page
// with the outcome in the query; the page hands it to UploadSlot as `error` (or a notice).
import { REFUSAL_MESSAGES, type UploadRefusal } from "./refusals";

export const DEFAULT_BACK = "/survey/documents";

/** The element id of a slot, used as the redirect's #fragment and for aria wiring. */
export function slotId(dependentId: number | null, slot: string): string {
  return `slot-${dependentId ?? "household"}-${slot}`;
}

/** Only a path of our own survey pages; anything else falls back to the documents page. */
export function safeBack(value: string | null | undefined): string {
  if (!value) return DEFAULT_BACK;
  return /^\/survey(\/[A-Za-z0-9_\-/]*)?$/.test(value) && !value.includes("//") ? value : DEFAULT_BACK;
}

export function backUrl(back: string, outcome: { slot: string; dependentId: number | null; result: string }): string {
  const q = new URLSearchParams({ upload: outcome.result, uslot: slotId(outcome.dependentId, outcome.slot) });
  return `${safeBack(back)}?${q}#${slotId(outcome.dependentId, outcome.slot)}`;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** What to show at one slot after a redirect: the refusal sentence, or a notice that it worked. */
export function uploadFlash(searchParams: SearchParams, dependentId: number | null, slot: string): { error?: string; notice?: string } {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  if (one(searchParams.uslot) !== slotId(dependentId, slot)) return {};
  const result = one(searchParams.upload);
  if (result === "ok") return { notice: "アップロードしました。" };
  if (result === "deleted") return { notice: "削除しました。" };
  if (result && Object.hasOwn(REFUSAL_MESSAGES, result)) return { error: REFUSAL_MESSAGES[result as UploadRefusal] };
  return {};
}
