import type { PublishOutcome } from "../../../flows/ports/social.js";
import type { HttpAnswer } from "../common/http-exchange.js";
import { graphErrorMessage, graphVerdict, regainAccessAt } from "../common/meta-graph-errors.js";

/**
 * A Threads refusal as a publish outcome. Only `threads_publish` creates a post, so only there does
 * a transient error (5xx, codes 1/2) leave the outcome unknown; before it, nothing was posted.
 *
 * @example
 * threadsRefusal(answer, now, "publish"); // { kind: "unknown", message: "Threads answered 500: …" }
 */
export function threadsRefusal(answer: HttpAnswer, now: Date, step: "container" | "publish"): PublishOutcome {
  const message = graphErrorMessage(answer);
  switch (graphVerdict(answer)) {
    case "rate_limited":
      return { kind: "rate_limited", retryAt: regainAccessAt(answer.headers, now), message };
    case "expired_token":
      return { kind: "auth", message: `Threads refused the access token: ${message}` };
    case "transient":
      return step === "publish"
        ? { kind: "unknown", message: `Threads answered ${answer.status}: ${message}` }
        : {
            kind: "failed",
            message: `Threads could not create the post's container (${answer.status}): ${message}`,
          };
    case "duplicate":
      return { kind: "duplicate", message };
    default:
      return { kind: "failed", message };
  }
}
