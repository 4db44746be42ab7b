/**
 * One HTTP exchange with a social network, reduced to what the adapters decide on: the network's
 * answer (status, headers, parsed body), or no answer at all. A call that got no answer may still
 * have been carried out by the network, so adapters treat it as "unknown" on a creating call.
 */

export type WireAnswer =
  | {
      kind: "answer";
      status: number;
      headers: Headers;
      /** The body parsed as JSON, else its text ("" when empty). */
      body: unknown;
    }
  /** Timed out or failed in transport; `message` says which, and never names the URL (it may hold a token). */
  | { kind: "no_answer"; message: string };

export interface WireRequest {
  method?: "GET" | "POST" | "PUT";
  url: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams | Uint8Array;
}

export interface WireOptions {
  fetch: typeof fetch;
  /** For the whole exchange, body included. */
  timeoutMs: number;
}

/** The default for every social call: long enough for a slow upload, short enough for a Lambda. */
export const DEFAULT_TIMEOUT_MS = 10_000;

function parseBody(text: string): unknown {
  if (text === "") return "";
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Why a fetch threw, without its URL: undici says only "fetch failed", the cause says why. */
function transportFailure(error: unknown, timeoutMs: number): string {
  const name = (error as Error)?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return code ? `request failed (${code})` : "request failed";
}

/**
 * Sends one request with a timeout covering the body too, and never throws.
 *
 * @example
 * const answer = await callWire({ fetch, timeoutMs: 10_000 }, { method: "POST", url, headers, body });
 * if (answer.kind === "answer" && answer.status === 201) …
 */
export async function callWire(options: WireOptions, request: WireRequest): Promise<WireAnswer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const res = await options.fetch(request.url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      signal,
      redirect: "manual",
    });
    const text = await res.text();
    return { kind: "answer", status: res.status, headers: res.headers, body: parseBody(text) };
  } catch (error) {
    return { kind: "no_answer", message: transportFailure(error, options.timeoutMs) };
  }
}

/** A field of a JSON object body, when the body is one. */
export function field(body: unknown, name: string): unknown {
  return body !== null && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
}

/** A string field of a JSON object body, or `undefined`. */
export function textField(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  return typeof value === "string" && value !== "" ? value : undefined;
}
