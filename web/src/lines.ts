// Text lines from a streamed response body, as they arrive (NDJSON and server-sent events are both line-based).
export async function* readLines(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener("abort", cancel);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        yield line.endsWith("\r") ? line.slice(0, -1) : line;
      }
    }
    pending += decoder.decode();
    if (pending) yield pending;
  } finally {
    signal?.removeEventListener("abort", cancel);
    reader.releaseLock();
  }
}
