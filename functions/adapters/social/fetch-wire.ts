/**
 * One HTTP exchange with a social network over the global `fetch`, told apart the way a publisher
 * must tell it apart: an answer (any status), a request that never left (nothing can have been
 * created), or one that was sent and got no whole answer (it may have been acted on). Messages name
 * the call and an error code, never the URL: Telegram's carries the bot token, and undici puts the
 * URL in some of its errors, so `error.message` is never used.
 */

export type WireResult =
  | { kind: "answer"; status: number; headers: Headers; body: unknown }
  /** Refused before anything was sent (DNS, connection refused, TLS, a bad URL). */
  | { kind: "unreached"; message: string }
  /** Sent, then timed out or cut off: the network may have acted on it. */
  | { kind: "no_answer"; message: string };

export interface WireOptions {
  fetch: typeof globalThis.fetch;
  /** Per exchange, body included. */
  timeoutMs: number;
}

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
 * Sends one request; never throws. `what` names the call in messages ("createRecord").
 *
 * @example
 * const result = await exchange({ fetch, timeoutMs: 10_000 }, `${base}/api/v1/statuses`, { method: "POST" }, "POST /api/v1/statuses");
 * if (result.kind === "answer" && result.status === 200) use(result.body);
 */
export async function exchange(
  wire: WireOptions,
  url: string,
  init: RequestInit,
  what: string,
): Promise<WireResult> {
  const signal = AbortSignal.timeout(wire.timeoutMs);
  let res: Response;
  try {
    // A redirect is answered, not followed: a POST replayed elsewhere could post twice.
    res = await wire.fetch(url, { ...init, signal, redirect: "manual" });
  } catch (error) {
    return failure(error, signal, what, wire.timeoutMs);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    return failure(error, signal, what, wire.timeoutMs, true);
  }
  return { kind: "answer", status: res.status, headers: res.headers, body: parseJson(text) };
}

function failure(
  error: unknown,
  signal: AbortSignal,
  what: string,
  timeoutMs: number,
  answering = false,
): WireResult {
  if (signal.aborted) return { kind: "no_answer", message: `${what}: no answer within ${timeoutMs} ms` };
  const code = errorCode(error);
  if (!answering && code && NEVER_SENT.has(code)) {
    return { kind: "unreached", message: `${what}: could not connect (${code}); nothing was sent` };
  }
  return { kind: "no_answer", message: `${what}: the connection failed (${code ?? "no error code"})` };
}
