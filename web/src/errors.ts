// How errors read on the page: a sentence, and validation problems as "path: message" lines.
import { ApiError } from "./api";
import { h, replaceChildren } from "./dom";

export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "The server could not be reached.";
  return error instanceof Error ? error.message : String(error);
}

export function showErrors(list: HTMLElement, error: unknown): void {
  const items = error instanceof ApiError && error.fieldErrors.length > 0
    ? error.fieldErrors.map(([path, messages]) => h("li", {}, h("code", { class: "path" }, path), " ", messages.join("; ")))
    : [h("li", {}, describe(error))];
  replaceChildren(list, ...items);
}
