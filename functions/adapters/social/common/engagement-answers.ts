import type * as z from "zod";
import type { EngagementCounts } from "../../../domain/social/engagement.js";
import type { EngagementOutcome } from "../../../flows/ports/social.js";
import type { FailureOutcome } from "./call-outcomes.js";
import type { HttpAnswer } from "./http-exchange.js";
import type { TokenAnswer } from "./with-fresh-token.js";

/** How one network's metrics answer reads: its schema for the counts and its own error words. */
export interface MetricsAnswer {
  networkName: string;
  /** Names the call in messages (never the URL: Meta's carry the access token). */
  call: string;
  /** Reads a 2xx body into counts; a body that does not fit is a failed read. */
  counts: z.ZodType<EngagementCounts>;
  errorMessage(answer: HttpAnswer): string;
  /** Whether a refusal may pass on its own (Meta throttles with 400 and a code); 429 and 5xx unless given. */
  passing?(answer: HttpAnswer): boolean;
}

const isPassing = (answer: HttpAnswer) => answer.status === 429 || answer.status >= 500;

/**
 * A metrics call's answer as an engagement outcome: the counts, or why there are none and whether a
 * later read may get them (no answer, 429, 5xx) or not (dead token, missing permission, deleted post).
 *
 * @example
 * engagementOf(await authorized((t) => client.metrics(t, id)), { networkName: "X", call: "GET /2/tweets/:id", counts, errorMessage });
 * // { kind: "read", counts: { likes: 12, reposts: 3, replies: 1, quotes: 0 } }
 */
export function engagementOf(result: TokenAnswer, reader: MetricsAnswer): EngagementOutcome {
  const { networkName, call } = reader;
  if (result.kind === "auth") return { kind: "failed", message: result.message, retryable: false };
  if (result.kind !== "answer")
    return { kind: "failed", message: `${networkName} did not answer: ${result.message}`, retryable: true };
  if (result.status >= 200 && result.status < 300) {
    const read = reader.counts.safeParse(result.body);
    if (read.success) return { kind: "read", counts: read.data };
    return { kind: "failed", message: `${call}: HTTP ${result.status} without counts`, retryable: true };
  }
  const message = `${call}: ${networkName} answered ${result.status}: ${reader.errorMessage(result)}`;
  return { kind: "failed", message, retryable: (reader.passing ?? isPassing)(result) };
}

/**
 * A failure an adapter already reduced to a publish-style outcome (Bluesky's and Mastodon's clients),
 * as an engagement outcome: rate limits and unknowns may pass, refusals and dead credentials not.
 *
 * @example
 * engagementAfterFailure({ kind: "rate_limited", retryAt, message: "RateLimitExceeded" }); // retryable
 */
export function engagementAfterFailure(outcome: FailureOutcome): EngagementOutcome {
  const retryable = outcome.kind === "rate_limited" || outcome.kind === "unknown";
  return { kind: "failed", message: outcome.message, retryable };
}
