// Instant field feedback for a lean form, with the same plain checks as the React forms
// (lib/validation/checks.ts) and the same rule for when a message shows: once the field has been
// left or the form submitted, then on every keystroke; a message the server sent stays until the
// field is edited. A form whose fields pass is posted the ordinary way (its server action runs
// and answers with a redirect or the page with its messages), so nothing depends on this script.
import type { Check } from "../validation/checks";
import { fillMessage, formValues, messageParagraph, setDescribedBy } from "./dom";

const ERROR_CLASS = "text-sm font-bold text-error-1";

/** The field's own control: the element with the Field's id. */
function controlOf(field: HTMLElement): HTMLElement | null {
  const id = field.dataset.field;
  return id ? field.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`) : null;
}

function showMessage(field: HTMLElement, control: HTMLElement, message: string | undefined): void {
  const errorId = `${control.id}-error`;
  let p = document.getElementById(errorId);
  if (!message) {
    p?.remove();
    control.removeAttribute("aria-invalid");
    setDescribedBy(control, errorId, false);
    return;
  }
  if (!p) {
    p = messageParagraph(errorId, message, ERROR_CLASS);
    // Right after the control (or the box that holds it and its 表示 button), before any note.
    const holder = [...field.children].find((child) => child === control || child.contains(control));
    (holder ?? control).after(p);
  } else if (p.textContent !== `⚠ ${message}`) {
    fillMessage(p, message);
  }
  control.setAttribute("aria-invalid", "true");
  setDescribedBy(control, errorId, true);
}

/** What a form with field checks takes from the server's answer to a post (see ./submit.ts). */
export interface FieldChecks {
  /** The messages the server gave per field name; they stand until the field is edited again. */
  serverSaid(messages: Map<string, string>): void;
}

/** The server's message per field name in a rendered form (a page or the answer to a post). */
export function serverMessages(root: ParentNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const field of root.querySelectorAll<HTMLElement>("[data-field]")) {
    const control = controlOf(field);
    const text = control && field.querySelector(`[id="${CSS.escape(`${control.id}-error`)}"]`)?.textContent?.replace(/^⚠ /, "");
    if (control && text) out.set(control.getAttribute("name") ?? "", text);
  }
  return out;
}

export function enhanceFieldChecks(form: HTMLFormElement, check: Check): FieldChecks {
  const fields = [...form.querySelectorAll<HTMLElement>("[data-field]")];
  const touched = new Set<string>();
  const edited = new Set<string>();
  let submitted = false;
  // What the server said, per field, when the page was rendered or the form last posted.
  let fromServer = serverMessages(form);

  const render = (): Record<string, string> => {
    const errors = check(formValues(form));
    for (const field of fields) {
      const control = controlOf(field);
      const name = control?.getAttribute("name");
      if (!control || !name) continue;
      const own = submitted || touched.has(name) ? errors[name] : undefined;
      showMessage(field, control, own ?? (edited.has(name) ? undefined : fromServer.get(name)));
    }
    return errors;
  };

  const nameOf = (event: Event) => (event.target as HTMLInputElement | null)?.name ?? "";
  form.addEventListener("input", (event) => {
    const name = nameOf(event);
    if (!name) return;
    edited.add(name);
    render();
  });
  form.addEventListener("focusout", (event) => {
    const name = nameOf(event);
    if (!name || touched.has(name)) return;
    touched.add(name);
    render();
  });
  form.addEventListener("submit", (event) => {
    submitted = true;
    const errors = render();
    if (Object.keys(errors).length === 0) return;
    event.preventDefault();
    // The first field with a message, in page order, gets the focus.
    const first = [...form.elements].find((el): el is HTMLInputElement => "name" in el && Object.hasOwn(errors, (el as HTMLInputElement).name));
    first?.focus();
  });

  return {
    serverSaid(messages) {
      fromServer = messages;
      edited.clear();
      render();
    },
  };
}
