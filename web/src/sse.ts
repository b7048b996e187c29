// Server-sent events over fetch(), so the key travels in the Authorization header (EventSource cannot set one).
import type { Api } from "./api";
import { readLines } from "./lines";

export interface ServerEvent {
  event: string;
  data: string;
  id?: string;
}

export interface StreamHandlers {
  onEvent: (event: ServerEvent) => void;
  onStatus: (status: "connecting" | "live" | "retrying" | "stopped", detail?: string) => void;
}

/** Keeps a stream open (reconnecting after errors) until the returned function is called. */
export function openStream(api: Api, path: string, handlers: StreamHandlers): () => void {
  const abort = new AbortController();
  void run(api, path, handlers, abort.signal);
  return () => abort.abort();
}

async function run(api: Api, path: string, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let delay = 1000;
  while (!signal.aborted) {
    handlers.onStatus("connecting");
    try {
      const response = await api.send("GET", path, { signal, headers: { Accept: "text/event-stream" } });
      handlers.onStatus("live");
      delay = 1000;
      await dispatch(response.body!, handlers, signal);
      if (signal.aborted) break;
      handlers.onStatus("retrying", "the stream ended");
    } catch (error) {
      if (signal.aborted) break;
      const status = (error as { status?: number }).status;
      if (status === 401 || status === 404) {
        handlers.onStatus("stopped", (error as Error).message);
        return;
      }
      handlers.onStatus("retrying", (error as Error).message);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 15000);
  }
  handlers.onStatus("stopped");
}

// The event-stream format: "field: value" lines, an empty line ends an event, ":" starts a comment.
async function dispatch(body: ReadableStream<Uint8Array>, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  let event = "message";
  let data: string[] = [];
  let id: string | undefined;
  for await (const line of readLines(body, signal)) {
    if (line === "") {
      if (data.length > 0) handlers.onEvent({ event, data: data.join("\n"), id });
      event = "message";
      data = [];
      id = undefined;
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }
}
