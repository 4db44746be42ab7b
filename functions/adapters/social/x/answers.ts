import type { LookupOutcome, PublishOutcome } from "../../../flows/ports/social.js";
import type { HttpAnswer } from "../common/http-exchange.js";
import { field, textField } from "../common/json-fields.js";

/** When X sends no reset header at all; its shortest window is 15 minutes. */
const FALLBACK_WAIT_MS = 15 * 60 * 1000;

/**
 * X's own words for a refusal: the problem's `errors[].message` (which parameter was wrong), else
 * its `detail`/`title`, else the OAuth `error_description`, else the legacy v1.1 `errors[].message`.
 */
export function xErrorMessage(answer: HttpAnswer): string {
  const { body } = answer;
  const errors = field(body, "errors");
  const messages = Array.isArray(errors)
    ? errors.map((e) => textField(e, "message") ?? textField(e, "detail")).filter((m) => m !== undefined)
    : [];
  if (messages.length > 0) return messages.join("; ");
  return (
    textField(body, "detail") ??
    textField(body, "error_description") ??
    textField(body, "title") ??
    textField(body, "error") ??
    `HTTP ${answer.status}`
  );
}

/**
 * When to try again after a 429: the reset (epoch seconds) of every X limit that is used up,
 * the latest of them; when none says it is used up (X sends 429s with some remaining), the
 * per-window reset.
 */
export function xRetryAt(headers: Headers, now: Date): Date {
  const limits = ["x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"];
  const resetOf = (prefix: string) => Number(headers.get(`${prefix}-reset`));
  const exhausted = limits
    .filter((p) => headers.get(`${p}-remaining`) === "0" && resetOf(p) > 0)
    .map((p) => resetOf(p));
  const resets = exhausted.length > 0 ? exhausted : [resetOf("x-rate-limit")].filter((r) => r > 0);
  if (resets.length === 0) return new Date(now.getTime() + FALLBACK_WAIT_MS);
  return new Date(Math.max(...resets) * 1000);
}

/** X's refusal of duplicate text: a 403 whose detail says so (no id of the earlier post is given). */
export function isDuplicate(answer: HttpAnswer): boolean {
  return answer.status === 403 && /duplicate content/i.test(xErrorMessage(answer));
}

/**
 * A publish that was not a 201, as an outcome. 5xx means X may have created the post.
 *
 * @example
 * publishRefusal(answer, now); // { kind: "rate_limited", retryAt, message: "Too Many Requests" }
 */
export function publishRefusal(answer: HttpAnswer, now: Date): PublishOutcome {
  const message = xErrorMessage(answer);
  if (answer.status === 429) return { kind: "rate_limited", retryAt: xRetryAt(answer.headers, now), message };
  if (isDuplicate(answer)) return { kind: "duplicate", message };
  if (answer.status >= 500) return { kind: "unknown", message: `X answered ${answer.status}: ${message}` };
  return { kind: "failed", message };
}

/** A read that failed, as a lookup outcome: nothing can be concluded but a rate limit. */
export function lookupRefusal(answer: HttpAnswer, now: Date): LookupOutcome {
  const message = xErrorMessage(answer);
  if (answer.status === 429) return { kind: "rate_limited", retryAt: xRetryAt(answer.headers, now), message };
  return { kind: "unknown", message: `X answered ${answer.status}: ${message}` };
}
