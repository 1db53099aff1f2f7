// The password field's 表示 / 隠す button and the live rule checklist, for lean pages.
import { passwordChecks } from "../auth/password-policy";

export function enhancePasswordToggles(root: ParentNode): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("button[data-password-toggle]")) {
    if (button.dataset.leanReady) continue;
    button.dataset.leanReady = "1";
    const input = document.getElementById(button.getAttribute("aria-controls") ?? "");
    if (!(input instanceof HTMLInputElement)) continue;
    button.addEventListener("click", () => {
      const visible = input.type === "password";
      input.type = visible ? "text" : "password";
      button.setAttribute("aria-pressed", String(visible));
      button.textContent = visible ? "隠す" : "表示";
    });
  }
}

/** Redraws `<ul data-password-rules>` (PasswordChecklist's markup) as the password is typed. */
export function enhancePasswordChecklist(form: HTMLFormElement): void {
  const list = form.querySelector<HTMLUListElement>("ul[data-password-rules]");
  const password = form.elements.namedItem("password");
  if (!list || !(password instanceof HTMLInputElement)) return;
  const draw = () => {
    const userIdInput = form.elements.namedItem("userId");
    const userId = userIdInput instanceof HTMLInputElement ? userIdInput.value : (list.dataset.userId ?? "");
    list.replaceChildren(
      ...passwordChecks(password.value, userId).map((c) => {
        const li = document.createElement("li");
        li.className = c.ok ? "text-success-2" : "text-solid-gray-700";
        const sign = document.createElement("span");
        sign.setAttribute("aria-hidden", "true");
        sign.textContent = c.ok ? "✔ " : "・ ";
        const state = document.createElement("span");
        state.className = "sr-only";
        state.textContent = c.ok ? "(満たしています)" : "(まだ満たしていません)";
        li.append(sign, c.label, state);
        return li;
      }),
    );
  };
  form.addEventListener("input", (event) => {
    const name = (event.target as HTMLInputElement).name;
    if (name === "password" || name === "userId") draw();
  });
}
