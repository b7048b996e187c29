// One model: upload, live chart and SDRs, checkpoints.
import type { Api } from "./api";
import { renderCheckpoints } from "./checkpoints";
import { h, replaceChildren } from "./dom";
import { describe } from "./errors";
import { openLiveView } from "./live";
import type { ModelView } from "./types";
import { renderUpload } from "./upload";

/** Renders the model into `root`; returns a function that closes its live stream. */
export async function renderModelPage(root: HTMLElement, api: Api, id: string): Promise<() => void> {
  let model: ModelView;
  try {
    model = await api.get<ModelView>(`/v1/models/${id}`);
  } catch (error) {
    replaceChildren(root, h("p", { class: "error" }, describe(error)));
    return () => undefined;
  }
  const upload = h("section", { class: "card", id: "upload" });
  const checkpoints = h("section", { class: "card", id: "checkpoints" });
  const live = openLiveView(api, model);
  replaceChildren(root,
    h("h2", { id: "model-title", "data-model": model.id }, model.name, h("span", { class: "hint" }, ` ${model.id}`)),
    upload, live.element, checkpoints);
  renderUpload(upload, api, model);
  renderCheckpoints(checkpoints, api, model, () => live.reset());
  return () => live.close();
}
