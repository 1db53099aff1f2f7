// Small DOM helpers shared by the lean page scripts (no framework: these run on pages served
// without React, see lib/http/lean-html.ts).

/** A form's string values by name, as its server action will see them (without React's $ACTION fields). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form)) if (typeof value === "string" && !key.startsWith("$")) out[key] = value;
  return out;
}

/** Adds or removes one id in an element's aria-describedby list, keeping the others in order. */
export function setDescribedBy(el: Element, id: string, present: boolean, first = true): void {
  const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((x) => x && x !== id);
  if (present) {
    if (first) ids.unshift(id);
    else ids.push(id);
  }
  if (ids.length > 0) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

/** `<p>` with the warning sign the server's Field renders for a message. */
export function messageParagraph(id: string, text: string, className: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.id = id;
  p.className = className;
  fillMessage(p, text);
  return p;
}

export function fillMessage(p: HTMLElement, text: string): void {
  const sign = document.createElement("span");
  sign.setAttribute("aria-hidden", "true");
  sign.textContent = "⚠ ";
  p.replaceChildren(sign, text);
}
