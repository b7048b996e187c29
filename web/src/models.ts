// The tenant's models as a list to pick from.
import type { Api } from "./api";
import { formatTime, h, replaceChildren } from "./dom";
import { describe } from "./errors";
import type { ModelSummary } from "./types";

export async function renderModelList(root: HTMLElement, api: Api, selected: string | null, onPick: (id: string) => void): Promise<void> {
  try {
    const models = await api.get<ModelSummary[]>("/v1/models");
    const items = models.map((m) =>
      h("li", { class: m.id === selected ? "selected" : "" },
        h("button", { type: "button", class: "link model-link", "data-model": m.id, onclick: () => onPick(m.id) }, m.name),
        h("span", { class: "hint" }, ` ${formatTime(m.createdAt)}`)));
    replaceChildren(root, h("h3", {}, "Models"), items.length ? h("ul", { id: "model-list" }, ...items) : h("p", { class: "hint" }, "No models yet: create one."));
  } catch (error) {
    replaceChildren(root, h("p", { class: "error" }, describe(error)));
  }
}
