// The 和暦 line beside a date picker (sign-up's 生年月日), updated as the date is chosen.
import { eraLine } from "../validation/japanese-era";

export function enhanceEra(form: HTMLFormElement): void {
  for (const line of form.querySelectorAll<HTMLElement>("[data-era-for]")) {
    const input = form.elements.namedItem(line.dataset.eraFor ?? "");
    if (!(input instanceof HTMLInputElement)) continue;
    const draw = () => {
      const text = eraLine(input.value);
      if (line.textContent !== text) line.textContent = text;
    };
    input.addEventListener("input", draw);
    input.addEventListener("change", draw);
  }
}
