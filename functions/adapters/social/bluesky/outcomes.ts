import type { FailureOutcome } from "../common/call-outcomes.js";
import type { XrpcFailure } from "./client.js";

/** When the limits of every window are unknown, Bluesky's shortest documented window (5 min) is waited out. */
const DEFAULT_WAIT_MS = 5 * 60_000;

/**
 * When a 429 may be retried: `RateLimit-Reset` (epoch seconds, what the PDS's rate limiter sends),
 * else `Retry-After` (seconds or an HTTP date, which the XRPC spec allows), else a default.
 *
 * @example
 * retryAt(new Headers({ "ratelimit-reset": "1767225600" }), now); // 2026-01-01T00:00:00.000Z
 */
export function retryAt(headers: Headers, now: Date): Date {
  const reset = Number(headers.get("ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const after = headers.get("retry-after");
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return new Date(now.getTime() + seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return new Date(date);
  }
  return new Date(now.getTime() + DEFAULT_WAIT_MS);
}

/**
 * A failed call, in the port's terms. No answer and 5xx are `unknown` whatever the call: for
 * createRecord the post may exist; for an upload or a session nothing was posted, and `unknown`
 * leads to a lookup (it says `absent`) and a new attempt, which is what a passing fault deserves.
 * Any other refusal is for good, in the PDS's own words.
 */
export function failureOutcome(failure: XrpcFailure, now: Date): FailureOutcome {
  if (failure.kind !== "error") return { kind: "unknown", message: failure.message };
  const said = failure.message ? `${failure.error}: ${failure.message}` : failure.error;
  if (failure.status === 429)
    return { kind: "rate_limited", retryAt: retryAt(failure.headers, now), message: said };
  if (failure.status >= 500) {
    // A gateway's HTML page names no error: the status is all there is to say.
    const named = failure.error.startsWith("HTTP ") ? "" : ` (${said})`;
    return { kind: "unknown", message: `${failure.call}: HTTP ${failure.status}${named}` };
  }
  return { kind: "failed", message: said };
}
