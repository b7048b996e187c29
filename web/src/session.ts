// Who is signed in: sign up (the key is shown once, with a copy button) or paste a key. The key lives in
// sessionStorage only (gone when the tab closes) and is sent as a bearer header, never in a URL.
import { Api } from "./api";
import { describe } from "./errors";
import { h, replaceChildren } from "./dom";
import type { ModelSummary, SignupResponse } from "./types";

const storageKey = "htmcloud.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function forgetKey(): void {
  sessionStorage.removeItem(storageKey);
}

/** Renders the sign-in forms into `root`; calls `onSignedIn` once a key has been checked against the API. */
export function renderSignIn(root: HTMLElement, onSignedIn: (api: Api) => void): void {
  const message = h("p", { class: "error", id: "signin-error", role: "alert" });
  const shown = h("div", { id: "new-key" });

  const email = h("input", { type: "email", id: "signup-email", placeholder: "you@example.com", required: true, autocomplete: "email" });
  const signup = h("form", { id: "signup-form", class: "card" },
    h("h2", {}, "Sign up"),
    h("label", {}, "Email ", email),
    h("button", { type: "submit", class: "primary" }, "Create account"));
  signup.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    try {
      const created = await new Api(null).post<SignupResponse>("/v1/signup", { email: email.value });
      showKeyOnce(shown, created.apiKey, () => void useKey(created.apiKey));
    } catch (error) {
      message.textContent = describe(error);
    }
  });

  const pasted = h("input", { type: "password", id: "paste-key", placeholder: "htm_…", autocomplete: "off", spellcheck: "false" });
  const paste = h("form", { id: "paste-form", class: "card" },
    h("h2", {}, "Use an API key"),
    h("label", {}, "API key ", pasted),
    h("button", { type: "submit", class: "primary" }, "Continue"));
  paste.addEventListener("submit", (event) => {
    event.preventDefault();
    void useKey(pasted.value.trim());
  });

  async function useKey(key: string): Promise<void> {
    message.textContent = "";
    if (!/^htm_/.test(key)) {
      message.textContent = "That does not look like an HtmCloud API key: keys start with htm_.";
      return;
    }
    const api = new Api(key);
    try {
      await api.get<ModelSummary[]>("/v1/models");
    } catch (error) {
      message.textContent = describe(error);
      return;
    }
    sessionStorage.setItem(storageKey, key);
    onSignedIn(api);
  }

  replaceChildren(root, h("section", { class: "signin" }, signup, paste), shown, message);
}

function showKeyOnce(root: HTMLElement, key: string, onContinue: () => void): void {
  const field = h("input", { type: "text", id: "new-key-value", readonly: true, value: key, spellcheck: "false" });
  const copied = h("span", { class: "hint", id: "copy-status" });
  const copy = h("button", { type: "button", id: "copy-key" }, "Copy");
  copy.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(key);
    } catch {
      document.execCommand("copy"); // older browsers and insecure origins
    }
    copied.textContent = "Copied.";
  });
  replaceChildren(root,
    h("div", { class: "card notice" },
      h("h2", {}, "Your API key"),
      h("p", {}, "This is the only time it is shown. Keep it somewhere safe; it cannot be recovered."),
      h("div", { class: "row" }, field, copy, copied),
      h("button", { type: "button", class: "primary", id: "key-continue", onclick: onContinue }, "I have saved it, continue")));
}
