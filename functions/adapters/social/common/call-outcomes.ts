import type { LookupOutcome, PublishOutcome } from "../../../flows/ports/social.js";
import type { HttpAnswer } from "./http-exchange.js";
import type { TokenAnswer } from "./with-fresh-token.js";

/** What a failed call can come to: never `posted`, `duplicate`, `found` or `absent`. */
export type FailureOutcome = Extract<
  PublishOutcome,
  { kind: "rate_limited" | "unknown" | "auth" | "failed" }
>;

/**
 * A call that brought back no answer of the network's, as an outcome: what the token handling
 * decided (`auth`, `unknown`), else `unknown`. A request that never left is `unknown` too: for the
 * networks Herald can look posts up on, the lookup that follows says `absent` and the post is made
 * again, so there is one path for every missing answer.
 *
 * @example
 * const answer = await authorized((token) => client.createPost(token, text));
 * if (answer.kind !== "answer") return unansweredOutcome(answer, "X");
 * // { kind: "unknown", message: "X did not answer: POST /2/tweets: no answer within 10000 ms" }
 */
export function unansweredOutcome(
  result: Exclude<TokenAnswer, HttpAnswer>,
  networkName: string,
): { kind: "auth" | "unknown"; message: string } {
  if (result.kind === "auth" || result.kind === "unknown") return result;
  return { kind: "unknown", message: `${networkName} did not answer: ${result.message}` };
}

/**
 * A failure met while looking a post up. A lookup cannot be refused for good: whatever stopped it,
 * the post's existence stays unknown.
 *
 * @example
 * asLookupOutcome({ kind: "failed", message: "RecordNotFound" }); // { kind: "unknown", message: "RecordNotFound" }
 */
export function asLookupOutcome(outcome: FailureOutcome): LookupOutcome {
  return outcome.kind === "failed" ? { kind: "unknown", message: outcome.message } : outcome;
}
