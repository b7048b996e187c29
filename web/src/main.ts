// The dashboard's shell: signed out → sign-in forms; signed in → models, the chosen model, webhooks.
import "./style.css";
import { Api, ApiError } from "./api";
import { renderCreateModel } from "./createModel";
import { h, replaceChildren } from "./dom";
import { describe } from "./errors";
import { renderModelPage } from "./modelPage";
import { renderModelList } from "./models";
import { forgetKey, renderSignIn, storedKey } from "./session";
import { renderWebhooks } from "./webhooks";

const app = document.getElementById("app")!;
const bar = document.getElementById("session-bar")!;
let closeModel: () => void = () => undefined;
let closeWebhooks: () => void = () => undefined;

function signedOut(message?: string): void {
  closeModel();
  closeWebhooks();
  replaceChildren(bar);
  renderSignIn(app, (api) => void signedIn(api));
  if (message) document.getElementById("signin-error")!.textContent = message;
}

async function signedIn(api: Api): Promise<void> {
  const signOut = h("button", { type: "button", id: "sign-out", class: "link" }, "Sign out");
  signOut.addEventListener("click", () => {
    forgetKey();
    location.hash = "";
    signedOut();
  });
  replaceChildren(bar, h("span", { class: "hint" }, `key ${api.apiKey!.slice(0, 16)}…`), signOut);

  const list = h("section", { class: "card", id: "models" });
  const create = h("section", { class: "card", id: "create-model" });
  const model = h("div", { id: "model" });
  const hooks = h("section", { class: "card", id: "webhooks" });
  replaceChildren(app, h("div", { class: "columns" }, h("aside", {}, list, create), h("div", { class: "main" }, model, hooks)));

  const selected = () => /^#\/models\/([0-9a-f-]{36})$/.exec(location.hash)?.[1] ?? null;
  const show = async () => {
    closeModel();
    await renderModelList(list, api, selected(), (id) => (location.hash = `#/models/${id}`));
    const id = selected();
    if (id) closeModel = await renderModelPage(model, api, id);
    else replaceChildren(model, h("p", { class: "hint", id: "pick-model" }, "Pick a model, or create one."));
  };
  window.onhashchange = () => void show();

  try {
    const templates = await api.get<string[]>("/v1/templates");
    renderCreateModel(create, api, templates, (created) => (location.hash = `#/models/${created.id}`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetKey();
      signedOut(describe(error));
      return;
    }
    replaceChildren(create, h("p", { class: "error" }, describe(error)));
  }
  closeWebhooks = renderWebhooks(hooks, api, selected);
  await show();
}

const key = storedKey();
if (key) void signedIn(new Api(key));
else signedOut();
