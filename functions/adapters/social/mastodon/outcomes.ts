import type { FailureOutcome } from "../common/call-outcomes.js";
import type { ApiFailure } from "./client.js";

/** Statuses are limited per 3 hours and requests per 5 minutes; without a reset, 5 minutes is waited. */
const DEFAULT_WAIT_MS = 5 * 60_000;

/**
 * When a 429 may be retried: Mastodon sends `X-RateLimit-Reset` as an ISO 8601 time (no Retry-After).
 *
 * @example
 * retryAt(new Headers({ "x-ratelimit-reset": "2026-02-15T09:05:00.000000Z" }), now); // 2026-02-15T09:05:00.000Z
 */
export function retryAt(headers: Headers, now: Date): Date {
  const reset = Date.parse(headers.get("x-ratelimit-reset") ?? "");
  return Number.isFinite(reset) ? new Date(reset) : new Date(now.getTime() + DEFAULT_WAIT_MS);
}

/**
 * A failed call in the port's terms. 401 is `auth`: Mastodon tokens do not expire and have no
 * refresh, so a refused one was revoked and a person must issue another. No answer and 5xx are
 * `unknown`; with the idempotency key, publishing again settles it.
 */
export function failureOutcome(failure: ApiFailure, now: Date): FailureOutcome {
  if (failure.kind !== "error") return { kind: "unknown", message: failure.message };
  const { status, message, call } = failure;
  if (status === 429) return { kind: "rate_limited", retryAt: retryAt(failure.headers, now), message };
  if (status === 401) return { kind: "auth", message: `Mastodon refused the access token: ${message}` };
  if (status >= 500) return { kind: "unknown", message: `${call}: HTTP ${status}` };
  return { kind: "failed", message };
}
