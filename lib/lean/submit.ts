// Posting a lean form without leaving the page, so that nothing typed is lost when the server
// refuses it (a wrong password, a password on the common list, a roster that does not match). The
// post is the same server-action post the browser makes without JavaScript; scripts/server.ts
// answers a redirect with its address (LEAN_POST_HEADER), which the browser then opens, and a page
// with messages as it is: the messages are taken from it into this page.
import type { FormState } from "../actions";
import { LEAN_POST_HEADER, type LeanAnswer } from "../http/lean-post";
import { serverMessages, type FieldChecks } from "./field-checks";

const NETWORK_ERROR = "通信できませんでした。電波の良いところで、もう一度お試しください。入力した内容はそのまま残っています。";

/** The form's live region for whole-form messages (FormMessage, or the sign-up form's own). */
const liveRegionOf = (form: HTMLFormElement) => form.querySelector<HTMLElement>("[aria-live='assertive']");

/** A message for the whole form, as FormMessage renders it; none clears the region. */
function showFormError(form: HTMLFormElement, text: string | undefined): void {
  const region = liveRegionOf(form);
  if (!region) return;
  if (!text) {
    region.replaceChildren();
    return;
  }
  const p = document.createElement("p");
  p.className = "rounded-lg border-2 border-error-1 bg-red-50 p-3 font-bold text-error-2";
  p.textContent = text;
  region.replaceChildren(p);
}

/** A route handler's messages (see app/(member)/login/submit), in place of a rendered page's. */
function takeState(form: HTMLFormElement, state: FormState, checks: FieldChecks | undefined): void {
  showFormError(form, state.formError);
  checks?.serverSaid(new Map(Object.entries(state.fieldErrors ?? {})));
  form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
}

/**
 * Takes the server's answer (the page, rendered with the action's messages) into this page: with
 * field checks, the messages only, so what the member typed stays (passwords too); otherwise the
 * form's contents, which the server renders with the values it was sent.
 */
function takeAnswer(form: HTMLFormElement, answer: HTMLFormElement, checks: FieldChecks | undefined, after: () => void): void {
  if (checks) {
    const region = liveRegionOf(form);
    const next = liveRegionOf(answer);
    if (region && next) region.replaceChildren(...[...next.childNodes].map((node) => document.importNode(node, true)));
    checks.serverSaid(serverMessages(answer));
  } else {
    form.replaceChildren(...[...answer.childNodes].map((node) => document.importNode(node, true)));
    after();
  }
  form.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
}

/** The form's fields encoded as the browser would post them: url-encoded unless it asks for multipart. */
function formBody(form: HTMLFormElement, submitter: HTMLElement | null): FormData | URLSearchParams {
  const data = new FormData(form, submitter);
  if (form.enctype === "multipart/form-data") return data;
  const fields = new URLSearchParams();
  for (const [name, value] of data) if (typeof value === "string") fields.append(name, value);
  return fields;
}

export function submitInPlace(form: HTMLFormElement, checks: FieldChecks | undefined, after: () => void = () => {}): void {
  let busy = false;
  form.addEventListener("submit", async (event) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    const index = [...document.forms].indexOf(form);
    let leaving = false;
    try {
      const response = await fetch(form.action, { method: "POST", body: formBody(form, event.submitter), headers: { [LEAN_POST_HEADER]: "1" }, credentials: "same-origin" });
      const type = response.headers.get("content-type") ?? "";
      if (type.includes("application/json")) {
        const answer = (await response.json()) as LeanAnswer;
        if ("state" in answer) {
          takeState(form, answer.state, checks);
          return;
        }
        leaving = true;
        window.location.assign(answer.redirect);
        return;
      }
      // Parsed inert, and without its <noscript> style (whose nonce is the answer's, not this page's:
      // the browser would report it to the CSP).
      const html = type.includes("text/html") ? (await response.text()).replace(/<noscript>[\s\S]*?<\/noscript>/g, "") : "";
      const answer = html ? new DOMParser().parseFromString(html, "text/html").forms[index] : undefined;
      if (!answer) {
        // Not the page with this form (an error page, a session that ended): show it as it is.
        leaving = true;
        window.location.assign(response.url);
        return;
      }
      takeAnswer(form, answer, checks, after);
    } catch {
      showFormError(form, NETWORK_ERROR);
    } finally {
      if (!leaving) {
        busy = false;
        form.removeAttribute("aria-busy");
      }
    }
  });
  // Back to this page from the browser's cache: the form can be sent again.
  window.addEventListener("pageshow", () => {
    busy = false;
    form.removeAttribute("aria-busy");
  });
}
