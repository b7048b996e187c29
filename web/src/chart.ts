// Value, raw anomaly and anomaly likelihood on one uPlot chart, anomalies as red marks; redrawn at most every
// `intervalMs`, from at most `maxPoints` decimated points. The element's data-* attributes say what is drawn.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Series } from "./series";

export interface ChartOptions {
  maxPoints: number;
  intervalMs: number;
  threshold: () => number;
}

export class LiveChart {
  private readonly plot: uPlot;
  private times: (number | null)[] = [];
  private timer: number | undefined;
  private readonly resize = new ResizeObserver(() => this.fit());

  constructor(private readonly root: HTMLElement, private readonly series: Series, private readonly options: ChartOptions) {
    this.plot = new uPlot(config(this.width(), (i) => this.times[i] ?? null), [[], [], [], [], []], root);
    this.resize.observe(root);
    this.render();
  }

  /** Asks for a redraw; many calls within one interval cost one. */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, this.options.intervalMs);
  }

  render(): void {
    const drawn = this.series.draw(this.options.maxPoints, this.options.threshold());
    this.times = drawn.time;
    this.plot.setData([drawn.x, drawn.value, drawn.raw, drawn.likelihood, drawn.anomalies] as uPlot.AlignedData);
    this.root.dataset.points = String(drawn.x.length);
    this.root.dataset.anomalies = String(drawn.anomalyCount);
    this.root.dataset.records = String(this.series.size);
    this.root.dataset.renders = String(Number(this.root.dataset.renders ?? 0) + 1);
  }

  destroy(): void {
    window.clearTimeout(this.timer);
    this.resize.disconnect();
    this.plot.destroy();
  }

  private width(): number {
    return Math.max(320, this.root.clientWidth || 800);
  }

  private fit(): void {
    if (Math.abs(this.plot.width - this.width()) > 4) this.plot.setSize({ width: this.width(), height: this.plot.height });
  }
}

// The legend names the hovered record by its seq and timestamp.
function config(width: number, timeAt: (index: number) => number | null): uPlot.Options {
  const mark = "#e5213c";
  return {
    width,
    height: 320,
    scales: { x: { time: false }, value: {}, score: { range: [0, 1] } },
    axes: [
      { label: "record", stroke: "#aab" },
      { scale: "value", label: "value", stroke: "#aab", grid: { stroke: "#2a2f3a" } },
      { scale: "score", label: "anomaly", side: 1, stroke: "#aab", grid: { show: false } },
    ],
    series: [
      {
        label: "record",
        value: (_u, seq, _s, index) => {
          if (seq === null || index === null) return "--";
          const time = timeAt(index);
          return time === null ? `#${seq}` : `#${seq} ${new Date(time).toISOString().replace(".000Z", "Z")}`;
        },
      },
      { label: "value", scale: "value", stroke: "#4aa3ff", width: 1 },
      { label: "raw anomaly", scale: "score", stroke: "rgba(240,160,48,0.7)", width: 1 },
      { label: "likelihood", scale: "score", stroke: "#b57cf0", width: 1.5 },
      { label: "anomaly", scale: "value", stroke: mark, paths: () => null, points: { show: true, size: 10, fill: mark, stroke: mark } },
    ],
    legend: { live: true },
  };
}
