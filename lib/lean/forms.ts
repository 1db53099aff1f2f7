// The script of the member pages that are served lean: scripts/server.ts takes Next's runtime
// (React, the router, the RSC payload) out of any page that renders <LeanPage /> (see
// lib/http/lean-html.ts), so these pages load this one small file instead of ~140 KB. The forms are
// ordinary server-action forms that work without JavaScript; this adds what JavaScript is for on
// them: messages next to the fields as the member types, the 表示 button, the password checklist,
// the 和暦 line, the answer form's parts and income hints, and posting without leaving the page
// (./submit.ts), so that a refusal keeps what was typed.
import { accountCheck, loginCheck, rosterMatchCheck, type Check } from "../validation/checks";
import { enhanceAnswers } from "./answers";
import { enhanceEra } from "./era";
import { enhanceFieldChecks } from "./field-checks";
import { enhancePasswordChecklist, enhancePasswordToggles } from "./password";
import { submitInPlace } from "./submit";

const CHECKS: Record<string, Check> = { login: loginCheck, rosterMatch: rosterMatchCheck, account: accountCheck };

function start(): void {
  // Under `next dev` (and any page that kept Next's runtime) React hydrates the page and its own
  // handlers do all of this, except for plain forms (data-lean="plain", no server action).
  const reactOwns = "__next_f" in self;
  if (!reactOwns) enhancePasswordToggles(document);
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-lean]")) {
    if (reactOwns && form.dataset.lean !== "plain") continue;
    const check = CHECKS[form.dataset.check ?? ""];
    const checks = check ? enhanceFieldChecks(form, check) : undefined;
    enhancePasswordChecklist(form);
    enhanceEra(form);
    const answers = enhanceAnswers(form);
    submitInPlace(form, checks, () => {
      if (!reactOwns) enhancePasswordToggles(form);
      answers?.();
    });
  }
}

start();
