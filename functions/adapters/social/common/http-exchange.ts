/**
 * One HTTP exchange with a social network over `fetch`, told apart the way a publisher must tell it
 * apart: an answer (any status), a request that never left (nothing can have been created), or one
 * that was sent and got no whole answer (it may have been acted on). Messages name the call and an
 * error code, never the URL: Telegram's carries the bot token, Threads' refresh carries the access
 * token, and undici puts the URL in some of its errors, so `error.message` is never used.
 */

/** The network's answer: any status, its headers, and the body parsed as JSON. */
export interface HttpAnswer {
  kind: "answer";
  status: number;
  headers: Headers;
  /** `undefined` when the body is empty or not JSON (gateways answer with HTML error pages). */
  body: unknown;
}

/** No answer to read, and whether the network may have acted on the request anyway. */
export type NoAnswer =
  /** Refused before anything was sent (DNS, connection refused, TLS, a bad URL): nothing was created. */
  | { kind: "unreached"; message: string }
  /** Sent, then timed out or cut off: the network may have acted on it. */
  | { kind: "no_answer"; message: string };

export type WireResult = HttpAnswer | NoAnswer;

export interface WireRequest {
  /** Names the call in messages instead of the URL, e.g. "POST /2/tweets" or an XRPC NSID. */
  call: string;
  method?: "GET" | "POST" | "PUT";
  url: string;
  headers?: Record<string, string>;
  body?: RequestInit["body"];
}

export interface WireOptions {
  fetch: typeof globalThis.fetch;
  /** Per exchange, body included. */
  timeoutMs: number;
}

/** The default for every social call: long enough for a slow upload, short enough for a Lambda. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * An adapter's wire options from its factory options: the global `fetch` and 10 s unless given.
 *
 * @example
 * const wire = wireOptions({ timeoutMs: 2_000 }); // { fetch: global fetch, timeoutMs: 2000 }
 */
export function wireOptions(options: { fetch?: typeof globalThis.fetch; timeoutMs?: number }): WireOptions {
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

// Codes undici and Node report for failures before the request was written to a connection.
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

/** The most specific error code of a fetch failure, looking through undici's `cause` chain. */
function errorCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown; errors?: unknown } | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === "string") return current.code;
    const nested = Array.isArray(current.errors) ? current.errors[0] : undefined;
    current = (current.cause ?? nested) as typeof current;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Gateways answer with HTML error pages; the status still says what happened.
    return undefined;
  }
}

/**
 * Sends one request with a timeout covering the body too; never throws. A redirect is answered,
 * not followed: a POST replayed elsewhere could post twice.
 *
 * @example
 * const result = await exchange(wire, { call: "POST /api/v1/statuses", method: "POST", url, headers, body });
 * if (result.kind === "answer" && result.status === 200) use(result.body);
 */
export async function exchange(wire: WireOptions, request: WireRequest): Promise<WireResult> {
  const { call, url, method = "GET", headers, body } = request;
  const signal = AbortSignal.timeout(wire.timeoutMs);
  let res: Response;
  try {
    res = await wire.fetch(url, { method, headers, body, signal, redirect: "manual" });
  } catch (error) {
    return failure(error, signal, call, wire.timeoutMs);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    return failure(error, signal, call, wire.timeoutMs, true);
  }
  return { kind: "answer", status: res.status, headers: res.headers, body: parseJson(text) };
}

function failure(
  error: unknown,
  signal: AbortSignal,
  call: string,
  timeoutMs: number,
  answering = false,
): NoAnswer {
  if (signal.aborted) return { kind: "no_answer", message: `${call}: no answer within ${timeoutMs} ms` };
  const code = errorCode(error);
  if (!answering && code && NEVER_SENT.has(code)) {
    return { kind: "unreached", message: `${call}: could not connect (${code}); nothing was sent` };
  }
  return { kind: "no_answer", message: `${call}: the connection failed (${code ?? "no error code"})` };
}
