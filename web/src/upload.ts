// CSV upload: pick a file and which column feeds each model field, then stream it as NDJSON with a progress bar.
import type { Api } from "./api";
import { ApiError } from "./api";
import { guessColumn, parseCsv, type Table } from "./csv";
import { h, replaceChildren } from "./dom";
import { readLines } from "./lines";
import { showErrors } from "./errors";
import type { GraphField, ModelView } from "./types";

const rowsPerRequest = 2000; // each request stays far below the server's body limit

export function renderUpload(root: HTMLElement, api: Api, model: ModelView): void {
  const file = h("input", { type: "file", id: "csv-file", accept: ".csv,text/csv" });
  const mapping = h("div", { id: "csv-mapping", class: "row" });
  const start = h("button", { type: "button", class: "primary", id: "csv-upload", disabled: true }, "Upload");
  const progress = h("progress", { id: "csv-progress", max: 1, value: 0 });
  const status = h("p", { id: "csv-status", class: "hint", "aria-live": "polite" });
  const errors = h("ul", { id: "csv-errors", class: "errors" });
  let table: Table | null = null;
  let selects: HTMLSelectElement[] = [];

  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    table = parseCsv(await chosen.text());
    selects = model.graph.fields.map((field) => columnSelect(table!, field));
    replaceChildren(mapping, ...model.graph.fields.map((field, i) => h("label", {}, `${field.name} (${field.type}) ← `, selects[i])));
    status.textContent = `${table.rows.length.toLocaleString()} rows, ${table.columns.length} columns.`;
    start.disabled = table.rows.length === 0;
  });

  start.addEventListener("click", async () => {
    if (!table) return;
    start.disabled = true;
    errors.replaceChildren();
    const columns = selects.map((s) => Number(s.value));
    try {
      const sent = await upload(api, model, table, columns, (done) => {
        progress.value = done / table!.rows.length;
        status.textContent = `${done.toLocaleString()} of ${table!.rows.length.toLocaleString()} records processed`;
      });
      status.textContent = `Done: ${sent.toLocaleString()} records processed.`;
    } catch (error) {
      status.textContent = "Upload stopped.";
      showErrors(errors, error);
    } finally {
      start.disabled = false;
    }
  });

  replaceChildren(root, h("h3", {}, "Upload a CSV"), h("div", { class: "row" }, file, start), mapping, progress, status, errors);
}

function columnSelect(table: Table, field: GraphField): HTMLSelectElement {
  const select = h("select", { "data-field": field.name, id: `csv-column-${field.name}` },
    ...table.columns.map((name, i) => h("option", { value: i }, name || `column ${i + 1}`)));
  select.value = String(guessColumn(table, field.name, field.type));
  return select;
}

/** Sends the rows in NDJSON requests, one after another; returns how many were processed. */
async function upload(api: Api, model: ModelView, table: Table, columns: number[], onProgress: (done: number) => void): Promise<number> {
  let done = 0;
  for (let first = 0; first < table.rows.length; first += rowsPerRequest) {
    const rows = table.rows.slice(first, first + rowsPerRequest);
    const body = rows.map((row) => JSON.stringify(toRecord(model.graph.fields, columns, row))).join("\n") + "\n";
    const response = await api.send("POST", `/v1/models/${model.id}/records`, {
      body,
      headers: { "Content-Type": "application/x-ndjson", Accept: "application/x-ndjson" },
    });
    for await (const line of readLines(response.body!)) {
      if (!line.trim()) continue;
      const message = JSON.parse(line) as { error?: { errors?: Record<string, string[]>; detail?: string } };
      if (message.error) throw rowError(message.error, first);
      done++;
      if (done % 50 === 0) onProgress(done);
    }
    onProgress(done);
  }
  return done;
}

function toRecord(fields: GraphField[], columns: number[], row: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const text = (row[columns[i]] ?? "").trim();
    // Numbers go as JSON numbers; a cell that is not one is sent as text so the server names the record and field.
    record[field.name] = field.type === "number" && text !== "" && Number.isFinite(Number(text)) ? Number(text) : text;
  });
  return record;
}

// The server numbers records within one request; the message names the CSV row (header = row 1).
function rowError(error: { errors?: Record<string, string[]>; detail?: string }, offset: number): ApiError {
  const errors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(error.errors ?? {})) {
    const renamed = path.replace(/^records\[(\d+)\]/, (_, i: string) => `row ${offset + Number(i) + 2}`);
    errors[renamed] = messages;
  }
  return new ApiError({ status: 400, title: "A record was refused", detail: error.detail, errors });
}
