import type { LookupOutcome, PublishOutcome } from "../../../flows/ports/social.js";
import type { HttpAnswer } from "../common/http-exchange.js";
import { field, textField } from "../common/json-fields.js";

/** A post URN as LinkedIn names one in `x-restli-id` and in a duplicate's message. */
const POST_URN = /urn:li:(?:share|ugcPost):\d+/;

/** The public page of a post. */
export const linkedinPostUrl = (urn: string) => `https://www.linkedin.com/feed/update/${urn}/`;

function inputErrors(body: unknown): Array<{ code?: string; description?: string }> {
  const errors = field(field(body, "errorDetails"), "inputErrors");
  return Array.isArray(errors)
    ? errors.map((e) => ({ code: textField(e, "code"), description: textField(e, "description") }))
    : [];
}

/**
 * LinkedIn's own words: `message`, with the input errors' descriptions it does not already say,
 * else the OAuth `error_description`.
 */
export function linkedinErrorMessage(answer: HttpAnswer): string {
  const { body } = answer;
  const message =
    textField(body, "message") ?? textField(body, "error_description") ?? textField(body, "error");
  const details = inputErrors(body)
    .map((e) => e.description)
    .filter((d): d is string => d !== undefined && !message?.includes(d));
  const all = [message, ...details].filter((m): m is string => m !== undefined);
  return all.length > 0 ? all.join(": ") : `HTTP ${answer.status}`;
}

/**
 * LinkedIn publishes no rate-limit headers: daily quotas reset at midnight UTC.
 *
 * @example
 * nextUtcMidnight(new Date("2026-03-01T17:20:00Z")); // 2026-03-02T00:00:00Z
 */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function isDuplicate(answer: HttpAnswer): boolean {
  if (answer.status !== 422) return false;
  return (
    inputErrors(answer.body).some((e) => e.code === "DUPLICATE_POST") ||
    /duplicate/i.test(textField(answer.body, "message") ?? "")
  );
}

/**
 * A refusal as a publish outcome. A duplicate names the earlier post's URN in its message, which
 * gives its id and URL; 5xx on the creating call means the post may exist.
 */
export function publishRefusal(answer: HttpAnswer, now: Date, creating: boolean): PublishOutcome {
  const message = linkedinErrorMessage(answer);
  if (answer.status === 429) return { kind: "rate_limited", retryAt: nextUtcMidnight(now), message };
  if (isDuplicate(answer)) {
    const urn = POST_URN.exec(message)?.[0];
    return urn
      ? { kind: "duplicate", postId: urn, url: linkedinPostUrl(urn), message }
      : { kind: "duplicate", message };
  }
  if (creating && answer.status >= 500)
    return { kind: "unknown", message: `LinkedIn answered ${answer.status}: ${message}` };
  return { kind: "failed", message };
}

/** A failed read as a lookup outcome. */
export function lookupRefusal(answer: HttpAnswer, now: Date): LookupOutcome {
  const message = linkedinErrorMessage(answer);
  if (answer.status === 429) return { kind: "rate_limited", retryAt: nextUtcMidnight(now), message };
  return { kind: "unknown", message: `LinkedIn answered ${answer.status}: ${message}` };
}
