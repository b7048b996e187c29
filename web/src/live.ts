// A model's live view: records arrive over GET /v1/models/{id}/stream; the chart and the SDR bitmaps follow.
import type { Api } from "./api";
import { LiveChart } from "./chart";
import { h, replaceChildren } from "./dom";
import { SdrView, shapeOf } from "./sdr";
import { Series } from "./series";
import { openStream, type ServerEvent } from "./sse";
import type { LiveRecord, ModelState, ModelView, RecordResult } from "./types";

const maxPoints = 1000;   // drawn, whatever the stream's length
const stateEveryMs = 500; // SDR refresh from /state when the stream's results lack them

export interface LiveView {
  element: HTMLElement;
  reset(): void;
  close(): void;
}

export function openLiveView(api: Api, model: ModelView): LiveView {
  const series = new Series();
  const threshold = h("input", { type: "number", id: "anomaly-threshold", min: 0, max: 1, step: 0.001, value: 0.99 }); // as webhooks' anomaly.detected
  const pause = h("button", { type: "button", id: "pause-chart", "aria-pressed": "false" }, "Pause");
  const status = h("span", { id: "live-status", class: "badge" }, "connecting");
  const counts = h("span", { id: "live-counts", class: "hint" });
  const chartBox = h("div", { id: "live-chart", class: "chart" });
  const pools = model.graph.pools.map((pool) => new SdrView(shapeOf(pool)));
  const element = h("section", { class: "card", id: "live" },
    h("h3", {}, "Live ", status),
    h("div", { class: "row" }, h("label", {}, "Mark anomalies at likelihood ≥ ", threshold), pause, counts),
    chartBox,
    h("h3", {}, "Current SDRs"),
    h("div", { id: "sdr", class: "row" }, ...pools.map((p) => p.element)));

  const chart = new LiveChart(chartBox, series, { maxPoints, intervalMs: 200, threshold: () => clamp(Number(threshold.value)) });
  threshold.addEventListener("input", () => chart.schedule());
  let paused = false;
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.textContent = paused ? "Resume" : "Pause";
    pause.setAttribute("aria-pressed", String(paused));
    if (!paused) chart.schedule();
  });

  const valueField = metricField(model);
  let received = 0, dropped = 0;
  let stateTimer: number | undefined;
  const drawState = (result: RecordResult | null | undefined) =>
    model.graph.pools.forEach((pool, i) => pools[i].draw(result?.pools[pool.name], result?.seq));
  const refreshState = () => {
    if (stateTimer !== undefined) return;
    stateTimer = window.setTimeout(async () => {
      try {
        drawState((await api.get<ModelState>(`/v1/models/${model.id}/state`)).last);
      } finally {
        stateTimer = undefined;
      }
    }, stateEveryMs);
  };

  const onEvent = (event: ServerEvent) => {
    if (event.event === "dropped") {
      dropped += (JSON.parse(event.data) as { dropped: number }).dropped;
    } else if (event.event === "record") {
      const record = JSON.parse(event.data) as LiveRecord;
      const r = record.result;
      const value = Number(record.input?.[valueField]);
      const time = r.timestamp ? Date.parse(r.timestamp) : NaN;
      series.add({
        seq: r.seq,
        time: Number.isFinite(time) ? time : null,
        value: Number.isFinite(value) ? value : null,
        raw: r.rawAnomaly,
        likelihood: r.anomalyLikelihood ?? null,
      });
      received++;
      const complete = model.graph.pools.every((p) => r.pools[p.name]?.activeColumns && r.pools[p.name]?.predictiveCells);
      if (complete) drawState(r);
      else refreshState();
      if (!paused) chart.schedule();
    }
    counts.textContent = `${received.toLocaleString()} records received` + (dropped ? `, ${dropped.toLocaleString()} skipped (too fast to show)` : "");
    counts.dataset.received = String(received);
    counts.dataset.total = String(received + dropped);
  };
  const close = openStream(api, `/v1/models/${model.id}/stream`, {
    onEvent,
    onStatus: (s, detail) => {
      status.textContent = s;
      status.dataset.status = s;
      status.title = detail ?? "";
    },
  });
  refreshState();

  return {
    element,
    reset() {
      series.clear();
      chart.render();
      refreshState();
    },
    close() {
      close();
      chart.destroy();
      window.clearTimeout(stateTimer);
      replaceChildren(element);
    },
  };
}

function metricField(model: ModelView): string {
  const head = (model.graph.outputs as { anomalyPool?: string } | undefined)?.anomalyPool;
  const pool = (model.graph.pools.find((p) => p.name === head) ?? model.graph.pools[0]) as { metricField?: string } | undefined;
  return pool?.metricField ?? model.graph.fields.find((f) => f.type === "number")?.name ?? "value";
}

function clamp(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.99;
}
