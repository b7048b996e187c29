// Webhook endpoints, their recent deliveries (status, attempts, last answer) and a redeliver button.
import type { Api } from "./api";
import { h, formatTime, replaceChildren } from "./dom";
import { describe, showErrors } from "./errors";
import type { CreatedWebhook, DeliveryView, WebhookView } from "./types";

const events = ["batch.processed", "record.processed", "anomaly.detected"];
const refreshMs = 2000;

export function renderWebhooks(root: HTMLElement, api: Api, modelId: () => string | null): () => void {
  const list = h("div", { id: "webhook-list" });
  const errors = h("ul", { class: "errors", id: "webhook-errors", role: "alert" });
  const secret = h("p", { id: "webhook-secret", class: "notice" });
  const url = h("input", { type: "url", id: "webhook-url", placeholder: "https://example.com/hook", size: 40, required: true });
  const boxes = events.map((e, i) => h("input", { type: "checkbox", value: e, checked: i === 0, "data-event": e }));
  const onlyThis = h("input", { type: "checkbox", id: "webhook-this-model", checked: true });
  const form = h("form", { id: "webhook-form", class: "row" },
    h("label", {}, "URL ", url),
    ...events.map((e, i) => h("label", {}, boxes[i], e)),
    h("label", {}, onlyThis, "this model only"),
    h("button", { type: "submit", class: "primary", id: "webhook-add" }, "Add endpoint"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    try {
      const created = await api.post<CreatedWebhook>("/v1/webhooks", {
        url: url.value,
        events: boxes.filter((b) => b.checked).map((b) => b.value),
        modelId: onlyThis.checked ? modelId() : null,
      });
      secret.textContent = `Signing secret (shown once): ${created.secret}`;
      await refresh();
    } catch (error) {
      showErrors(errors, error);
    }
  });

  let stopped = false;
  let timer: number | undefined;
  let generation = 0;
  async function refresh(): Promise<void> {
    window.clearTimeout(timer);
    const mine = ++generation;
    let content: HTMLElement[];
    try {
      const hooks = await api.get<WebhookView[]>("/v1/webhooks");
      const sections = await Promise.all(hooks.map(async (hook) =>
        endpoint(api, hook, await api.get<DeliveryView[]>(`/v1/webhooks/${hook.id}/deliveries?limit=10`), refresh)));
      content = sections.length ? sections : [h("p", { class: "hint" }, "No endpoints yet.")];
    } catch (error) {
      content = [h("p", { class: "error" }, describe(error))];
    }
    // A later refresh (after a click) wins over one still in flight; an armed delete keeps its first click.
    if (mine !== generation) return;
    if (!list.querySelector("[data-armed='true']")) replaceChildren(list, ...content);
    if (!stopped) timer = window.setTimeout(refresh, refreshMs);
  }
  void refresh();

  replaceChildren(root, h("h3", {}, "Webhooks"), form, secret, errors, list);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}

function endpoint(api: Api, hook: WebhookView, deliveries: DeliveryView[], refresh: () => Promise<void>): HTMLElement {
  const rows = deliveries.map((d) => {
    const again = h("button", { type: "button", class: "redeliver", "data-delivery": d.id }, "Redeliver");
    again.addEventListener("click", async () => {
      again.disabled = true;
      try {
        await api.post(`/v1/deliveries/${d.id}/redeliver`);
      } catch (error) {
        again.title = describe(error);
      }
      await refresh();
    });
    return h("tr", { class: "delivery", "data-delivery": d.id, "data-status": d.status, "data-attempts": d.attempts },
      h("td", {}, d.event), h("td", {}, d.firstSeq === d.lastSeq ? d.firstSeq : `${d.firstSeq}–${d.lastSeq}`),
      h("td", { class: `status ${d.status}` }, d.status), h("td", { class: "attempts" }, d.attempts),
      h("td", {}, d.lastStatusCode ?? d.lastError ?? ""), h("td", {}, formatTime(d.lastAttemptAt ?? d.createdAt)), h("td", {}, again));
  });
  const act = (label: string, method: string, path: string, confirmLabel?: string) => {
    const button = h("button", { type: "button", class: `webhook-${label.toLowerCase()}` }, label);
    button.addEventListener("click", async () => {
      // Deleting also deletes the deliveries: a second click confirms.
      if (confirmLabel && button.dataset.armed !== "true") {
        button.dataset.armed = "true";
        button.textContent = confirmLabel;
        return;
      }
      button.removeEventListener("blur", disarm);
      button.disabled = true;
      delete button.dataset.armed;
      try {
        await api.send(method, path);
      } catch (error) {
        button.title = describe(error);
      }
      await refresh();
    });
    // Clicking elsewhere forgets the first click, and the list refreshes again.
    const disarm = () => {
      delete button.dataset.armed;
      button.textContent = label;
    };
    if (confirmLabel) button.addEventListener("blur", disarm);
    return button;
  };
  const base = `/v1/webhooks/${hook.id}`;
  return h("div", { class: "webhook", "data-webhook": hook.id, "data-enabled": String(hook.enabled) },
    h("div", { class: "row" },
      h("code", {}, hook.url), h("span", {}, hook.events.join(", ")),
      hook.enabled ? null : h("span", { class: "error" }, `disabled: ${hook.disabledReason ?? "by its owner"}`),
      hook.enabled ? act("Disable", "POST", `${base}/disable`) : act("Enable", "POST", `${base}/enable`),
      act("Delete", "DELETE", base, "Confirm delete (and its deliveries)")),
    rows.length
      ? h("table", { class: "deliveries" },
          h("thead", {}, h("tr", {}, ...["event", "records", "status", "attempts", "last answer", "when", ""].map((t) => h("th", {}, t)))),
          h("tbody", {}, ...rows))
      : h("p", { class: "hint" }, "No deliveries yet."));
}
