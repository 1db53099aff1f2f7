// One dependent's answer form on a lean page: the parts that apply follow the radios (外す → its
// reason and date; 別居 → 仕送り), and the income hints follow the typing, as the React form does.
import { hintsFor, type LiveHintsContext } from "../survey/live-hints";
import { fillMessage } from "./dom";

/** `data-when="continuation=remove"` (shown when so) or `data-when="continuation!=remove"`. */
function applies(rule: string, values: Record<string, FormDataEntryValue>): boolean {
  const match = /^(\w+)(!?=)(\w*)$/.exec(rule);
  if (!match) return true;
  const [, name, op, value] = match;
  const current = String(values[name] ?? "");
  return op === "=" ? current === value : current !== value;
}

/** Returns the redraw, to run again when the form's contents are replaced (./submit.ts). */
export function enhanceAnswers(form: HTMLFormElement): (() => void) | undefined {
  const context = JSON.parse(form.dataset.answers ?? "null") as LiveHintsContext | null;
  if (!context) return undefined;

  const update = () => {
    const limit = form.querySelector<HTMLElement>("[data-hint-limit]");
    const warnings = form.querySelector<HTMLElement>("[data-hint-warnings]");
    const note = warnings?.dataset.note ?? "";
    const values = Object.fromEntries(new FormData(form).entries());
    for (const part of form.querySelectorAll<HTMLElement>("[data-when]")) part.classList.toggle("when-off", !applies(part.dataset.when ?? "", values));
    // An answer that cannot be read yet (e.g. 収入 half typed) keeps the hints it last had.
    const hints = hintsFor(values, context);
    if (!hints || !limit || !warnings) return;
    if (limit.textContent !== hints.limit) limit.textContent = hints.limit;
    const shown = [...warnings.querySelectorAll("[data-warning]")].map((p) => p.textContent?.replace(/^⚠ /, ""));
    if (shown.join("\n") === hints.warnings.join("\n")) return;
    const lines = hints.warnings.map((text) => {
      const p = document.createElement("p");
      p.className = "font-bold text-error-2";
      p.dataset.warning = "";
      fillMessage(p, text);
      return p;
    });
    if (lines.length > 0) {
      const p = document.createElement("p");
      p.className = "text-sm";
      p.textContent = note;
      lines.push(p);
    }
    warnings.replaceChildren(...lines);
  };
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  return update;
}
