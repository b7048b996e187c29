// Create a model from a template (a short form) or from a pool graph in a JSON editor; errors are listed at
// their JSON paths (e.g. graph.pools[0].temporalMemory.cellsPerColumn).
import { ApiError, type Api } from "./api";
import { h, replaceChildren } from "./dom";
import { exampleGraph } from "./exampleGraph";
import { findSyntaxError } from "./jsonSyntax";
import { showErrors } from "./errors";
import type { ModelView } from "./types";

export function renderCreateModel(root: HTMLElement, api: Api, templates: string[], onCreated: (model: ModelView) => void): void {
  const errors = h("ul", { id: "create-errors", class: "errors", role: "alert" });
  const name = h("input", { id: "model-name", value: "my-metric", required: true });

  const template = h("select", { id: "model-template" }, ...templates.map((t) => h("option", { value: t }, t)));
  const minimum = h("input", { type: "number", id: "template-min", value: 0, step: "any" });
  const maximum = h("input", { type: "number", id: "template-max", value: 100, step: "any" });
  const probation = h("input", { type: "number", id: "template-probation", value: 750, min: 1, step: 1 });
  const fromTemplate = h("form", { id: "template-form" },
    h("div", { class: "row" },
      h("label", {}, "Template ", template),
      h("label", {}, "min ", minimum), h("label", {}, "max ", maximum),
      h("label", { title: "records before the likelihood starts (its learning period)" }, "learning records ", probation)),
    h("button", { type: "submit", class: "primary", id: "create-from-template" }, "Create from template"));
  fromTemplate.addEventListener("submit", (event) => {
    event.preventDefault();
    void create({
      name: name.value,
      template: template.value,
      templateOptions: { minimum: Number(minimum.value), maximum: Number(maximum.value), probationaryRecords: Number(probation.value) },
    });
  });

  const editor = h("textarea", { id: "graph-editor", rows: 22, spellcheck: "false" });
  editor.value = JSON.stringify(exampleGraph, null, 2);
  const fromJson = h("form", { id: "graph-form" },
    h("p", { class: "hint" }, "A pool graph (docs/pool-graph.md). Every problem is listed with its path."),
    editor,
    h("button", { type: "submit", class: "primary", id: "create-from-graph" }, "Create from JSON"));
  fromJson.addEventListener("submit", (event) => {
    event.preventDefault();
    let graph: unknown;
    try {
      graph = JSON.parse(editor.value);
    } catch (error) {
      showErrors(errors, new ApiError({ status: 400, errors: { graph: [syntaxMessage(editor.value, error as Error)] } }));
      return;
    }
    void create({ name: name.value, graph });
  });

  async function create(request: object): Promise<void> {
    errors.replaceChildren();
    try {
      onCreated(await api.post<ModelView>("/v1/models", request));
    } catch (error) {
      showErrors(errors, error);
    }
  }

  replaceChildren(root,
    h("h3", {}, "New model"),
    h("label", {}, "Name ", name),
    h("details", { open: true }, h("summary", {}, "From a template"), fromTemplate),
    h("details", { id: "graph-details" }, h("summary", {}, "From a JSON pool graph"), fromJson),
    errors);
}

// JSON.parse's message varies by browser; the place is found by our own scan.
function syntaxMessage(text: string, error: Error): string {
  const place = findSyntaxError(text);
  return place ? `is not valid JSON at line ${place.line}, column ${place.column}: ${error.message}` : `is not valid JSON: ${error.message}`;
}
