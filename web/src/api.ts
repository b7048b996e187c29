// The public HTTP API, and its errors (ProblemDetails) as exceptions with their field paths.
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(ApiError.describe(problem));
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field path → messages (validation problems); empty for other errors. */
  get fieldErrors(): [string, string[]][] {
    return Object.entries(this.problem.errors ?? {});
  }

  private static describe(problem: Problem): string {
    if (problem.status === 401) return "This API key was not accepted (401): check that it was pasted whole and has not been revoked.";
    if (problem.status === 429) return `Too many requests (429): ${problem.detail ?? "wait a moment and retry."}`;
    if (problem.status === 404) return "Not found (404): it may have been deleted, or it belongs to another account.";
    return [problem.title, problem.detail].filter(Boolean).join(": ") || `The server answered ${problem.status}.`;
  }
}

export class Api {
  constructor(private readonly key: string | null) {}

  get apiKey(): string | null {
    return this.key;
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.key ? { Authorization: `Bearer ${this.key}`, ...extra } : extra;
  }

  async send(method: string, path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(path, { ...init, method, headers: this.headers((init.headers as Record<string, string>) ?? {}) });
    if (!response.ok) throw new ApiError(await readProblem(response));
    return response;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } };
    const response = await this.send(method, path, init);
    return response.status === 204 || response.status === 202 ? (undefined as T) : ((await response.json()) as T);
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>("POST", path, body);
  }
}

export async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, detail: text || response.statusText };
  }
}
