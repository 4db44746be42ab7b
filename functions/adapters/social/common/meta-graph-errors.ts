import type { LookupOutcome } from "../../../flows/ports/social.js";
import type { HttpAnswer } from "./http-exchange.js";
import { field, textField } from "./json-fields.js";

/**
 * Meta's Graph API error envelope, shared by Facebook Pages and Threads:
 * `{ error: { message, type, code, error_subcode, error_user_msg, is_transient, fbtrace_id } }`.
 */

/** What a Graph error means for Herald. */
export type GraphVerdict = "expired_token" | "rate_limited" | "duplicate" | "transient" | "refused";

/** App, user, page and business-use-case throttling (graph-api guides: error handling, rate limiting). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001, 80002, 80005, 80006, 80008, 80014]);
/** "Unknown error" and "service temporarily unavailable": the request may or may not have been carried out. */
const TRANSIENT_CODES = new Set([1, 2]);
/** When Meta gives no estimate: its app and page limits are counted over a rolling hour. */
export const META_DEFAULT_WAIT_MINUTES = 60;

function errorOf(answer: HttpAnswer) {
  const error = field(answer.body, "error");
  const number = (name: string) => {
    const value = field(error, name);
    return typeof value === "number" ? value : undefined;
  };
  return {
    code: number("code"),
    message: textField(error, "error_user_msg") ?? textField(error, "message"),
    transient: field(error, "is_transient") === true,
  };
}

/** Meta's own words for an error (the user-facing message when it gives one). */
export function graphErrorMessage(answer: HttpAnswer): string {
  return errorOf(answer).message ?? `HTTP ${answer.status}`;
}

/**
 * @example
 * graphVerdict({ status: 400, body: { error: { code: 190, message: "Session has expired" } }, … }); // "expired_token"
 */
export function graphVerdict(answer: HttpAnswer): GraphVerdict {
  const { code, message, transient } = errorOf(answer);
  if (code === 190) return "expired_token";
  if (answer.status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return "rate_limited";
  if (code === 506 || (code === 368 && /already posted/i.test(message ?? ""))) return "duplicate";
  if (transient || (code !== undefined && TRANSIENT_CODES.has(code)) || answer.status >= 500)
    return "transient";
  return "refused";
}

/**
 * When a throttled account may call again: the largest `estimated_time_to_regain_access` (minutes)
 * in `X-Business-Use-Case-Usage`, else the default wait.
 *
 * @example
 * // x-business-use-case-usage: {"1234":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":17}]}
 * regainAccessAt(headers, now); // now + 17 minutes
 */
export function regainAccessAt(headers: Headers, now: Date): Date {
  let minutes = 0;
  try {
    const usage = JSON.parse(headers.get("x-business-use-case-usage") ?? "{}") as Record<string, unknown>;
    for (const entries of Object.values(usage)) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        const estimate = field(entry, "estimated_time_to_regain_access");
        if (typeof estimate === "number" && estimate > minutes) minutes = estimate;
      }
    }
  } catch {
    // An unreadable header is no estimate.
  }
  return new Date(now.getTime() + (minutes > 0 ? minutes : META_DEFAULT_WAIT_MINUTES) * 60_000);
}

/**
 * A refused read as a lookup outcome: a throttled account waits; anything else leaves the post's
 * existence unknown.
 *
 * @example
 * graphLookupRefusal(answer, now, "Threads"); // { kind: "unknown", message: "Threads answered 500: An unknown error has occurred." }
 */
export function graphLookupRefusal(answer: HttpAnswer, now: Date, networkName: string): LookupOutcome {
  const message = graphErrorMessage(answer);
  if (graphVerdict(answer) === "rate_limited") {
    return { kind: "rate_limited", retryAt: regainAccessAt(answer.headers, now), message };
  }
  return { kind: "unknown", message: `${networkName} answered ${answer.status}: ${message}` };
}
