// The zxcvbn-ts common-password list (≈49k entries, lower-case). A password is refused when it is on
// the list, or when its letters with decorations stripped from both ends are ("Password1!").
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;
function list(): Set<string> {
  common ??= new Set((dictionary as Record<string, string[]>)["passwords-common"]);
  return common;
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (list().has(lower)) return true;
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, "");
  return core.length >= 5 && list().has(core);
}
