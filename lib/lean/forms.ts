// The script of the member pages that are served lean: scripts/server.ts takes Next's runtime
// (React, the router, the RSC payload) out of any page that renders <LeanPage /> (see
// lib/http/lean-html.ts), so these pages load this one small file instead of ~140 KB. The forms are
// ordinary server-action forms that work without JavaScript; this adds what JavaScript is for on
// them: messages next to the fields as the member types, the 表示 button, the password checklist,
// the 和暦 line, the answer form's parts and income hints, and no double posting.
import { accountCheck, loginCheck, rosterMatchCheck, type Check } from "../validation/checks";
import { enhanceAnswers } from "./answers";
import { enhanceEra } from "./era";
import { enhanceFieldChecks } from "./field-checks";
import { enhancePasswordChecklist, enhancePasswordToggles } from "./password";

const CHECKS: Record<string, Check> = { login: loginCheck, rosterMatch: rosterMatchCheck, account: accountCheck };

/** How long a form stays "being sent" before a second press is let through (a lost connection). */
const RESEND_AFTER_MS = 10_000;

function guardDoubleSubmit(form: HTMLFormElement): void {
  let sentAt = 0;
  form.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    if (Date.now() - sentAt < RESEND_AFTER_MS) {
      event.preventDefault();
      return;
    }
    sentAt = Date.now();
    form.setAttribute("aria-busy", "true");
  });
  // Back to this page from the browser's cache: the form can be sent again.
  window.addEventListener("pageshow", () => {
    sentAt = 0;
    form.removeAttribute("aria-busy");
  });
}

function start(): void {
  // Under `next dev` (and any page that kept Next's runtime) React hydrates the page and its own
  // handlers do all of this.
  if ("__next_f" in self) return;
  enhancePasswordToggles(document);
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-lean]")) {
    const check = CHECKS[form.dataset.check ?? ""];
    if (check) enhanceFieldChecks(form, check);
    enhancePasswordChecklist(form);
    enhanceEra(form);
    enhanceAnswers(form);
    guardDoubleSubmit(form);
  }
}

start();
