// Checkpoints of a model: list, create now, restore (confirmed inline) and export the model as a file.
import type { Api } from "./api";
import { formatBytes, formatTime, h, replaceChildren } from "./dom";
import { describe } from "./errors";
import type { CheckpointView, ModelView } from "./types";

export function renderCheckpoints(root: HTMLElement, api: Api, model: ModelView, onRestored: () => void): void {
  const list = h("tbody", { id: "checkpoint-list" });
  const message = h("p", { id: "checkpoint-message", class: "hint", role: "status" });
  const base = `/v1/models/${model.id}`;

  async function refresh(): Promise<void> {
    try {
      const checkpoints = await api.get<CheckpointView[]>(`${base}/checkpoints`);
      replaceChildren(list, ...checkpoints.sort((a, b) => b.seq - a.seq).map(row));
    } catch (error) {
      message.textContent = describe(error);
    }
  }

  function row(checkpoint: CheckpointView): HTMLElement {
    const restore = h("button", { type: "button", class: "restore" }, "Restore");
    restore.addEventListener("click", async () => {
      // A second click confirms: restoring discards every record after the checkpoint.
      if (restore.dataset.armed !== "true") {
        restore.dataset.armed = "true";
        restore.textContent = "Confirm restore (later records are discarded)";
        return;
      }
      try {
        const restored = await api.post<CheckpointView>(`${base}/restore`, { checkpointId: checkpoint.id, confirm: true });
        message.textContent = `Restored to record ${restored.seq}.`;
        onRestored();
      } catch (error) {
        message.textContent = describe(error);
      }
      await refresh();
    });
    return h("tr", { "data-checkpoint": checkpoint.id },
      h("td", {}, checkpoint.seq), h("td", {}, formatBytes(checkpoint.size)), h("td", {}, formatTime(checkpoint.createdAt)), h("td", {}, restore));
  }

  const create = h("button", { type: "button", id: "checkpoint-create" }, "Checkpoint now");
  create.addEventListener("click", async () => {
    try {
      const made = await api.post<CheckpointView>(`${base}/checkpoints`);
      message.textContent = `Checkpoint after record ${made.seq} saved.`;
    } catch (error) {
      message.textContent = describe(error);
    }
    await refresh();
  });

  const exportButton = h("button", { type: "button", id: "model-export" }, "Export model");
  exportButton.addEventListener("click", async () => {
    try {
      // fetch, not a link: the key goes in a header; the file is handed to the browser as a blob.
      const response = await api.send("GET", `${base}/export`);
      const url = URL.createObjectURL(await response.blob());
      const link = h("a", { href: url, download: `${model.name}.htmmodel` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      message.textContent = "Export downloaded.";
    } catch (error) {
      message.textContent = describe(error);
    }
    await refresh();
  });

  replaceChildren(root,
    h("h3", {}, "Checkpoints"),
    h("div", { class: "row" }, create, exportButton),
    message,
    h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "after record"), h("th", {}, "size"), h("th", {}, "created"), h("th", {}))), list));
  void refresh();
}
