// A pool's SDRs as bitmaps: its active columns (a square grid, one tile per column) and its predictive cells
// (one pixel per cell, a column's cells side by side), drawn on canvases.
import { h } from "./dom";
import type { PoolOutput, PoolSpec } from "./types";

export interface PoolShape {
  name: string;
  columns: number;
  cellsPerColumn: number;
}

export function shapeOf(pool: PoolSpec): PoolShape {
  const dims = pool.spatialPooler?.columnDimensions ?? [2048];
  return { name: pool.name, columns: dims.reduce((a, b) => a * b, 1), cellsPerColumn: pool.temporalMemory?.cellsPerColumn ?? 32 };
}

export class SdrView {
  readonly element: HTMLElement;
  private readonly columns: HTMLCanvasElement;
  private readonly cells: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private readonly side: number;

  constructor(private readonly shape: PoolShape) {
    this.side = Math.ceil(Math.sqrt(shape.columns));
    this.columns = h("canvas", { class: "sdr", "data-kind": "active-columns", "data-pool": shape.name, width: this.side * 4, height: this.side * 4 });
    const cellSide = Math.ceil(Math.sqrt(shape.columns * shape.cellsPerColumn));
    this.cells = h("canvas", { class: "sdr", "data-kind": "predictive-cells", "data-pool": shape.name, width: cellSide, height: cellSide });
    this.caption = h("p", { class: "hint" });
    this.element = h("figure", { class: "pool" },
      h("figcaption", {}, `pool ${shape.name}: ${shape.columns} columns × ${shape.cellsPerColumn} cells`),
      h("div", { class: "row" },
        h("div", {}, h("div", { class: "hint" }, "active columns"), this.columns),
        h("div", {}, h("div", { class: "hint" }, "predictive cells"), this.cells)),
      this.caption);
    this.draw(undefined);
  }

  /** Draws one record's SDRs; `seq` (the record drawn) goes to the canvases' data-seq. */
  draw(output: PoolOutput | undefined, seq?: number): void {
    const active = output?.activeColumns ?? [];
    const predictive = output?.predictiveCells ?? [];
    const predictedColumns = new Set(predictive.map((cell) => Math.floor(cell / this.shape.cellsPerColumn)));
    this.drawColumns(new Set(active), predictedColumns);
    this.drawCells(predictive);
    this.caption.textContent = `${active.length} active columns, ${predictive.length} predictive cells`;
    this.columns.dataset.on = String(active.length);
    this.cells.dataset.on = String(predictive.length);
    this.columns.dataset.seq = this.cells.dataset.seq = seq === undefined ? "" : String(seq);
  }

  private drawColumns(active: Set<number>, predicted: Set<number>): void {
    const g = this.columns.getContext("2d")!;
    g.fillStyle = "#14161c";
    g.fillRect(0, 0, this.columns.width, this.columns.height);
    for (let c = 0; c < this.shape.columns; c++) {
      const on = active.has(c), guessed = predicted.has(c);
      g.fillStyle = on && guessed ? "#3cdce6" : on ? "#3cc85a" : guessed ? "#466ee6" : "#2a2d36";
      g.fillRect((c % this.side) * 4, Math.floor(c / this.side) * 4, 3, 3);
    }
  }

  private drawCells(predictive: number[]): void {
    const g = this.cells.getContext("2d")!;
    const { width, height } = this.cells;
    const image = g.createImageData(width, height);
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(0xff362d2a); // ABGR: dark grey
    for (const cell of predictive) if (cell < pixels.length) pixels[cell] = 0xffe66e46; // blue
    g.putImageData(image, 0, 0);
  }
}
