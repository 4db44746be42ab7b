import * as z from "zod";
import type { EngagementOutcome } from "../../../flows/ports/social.js";
import { engagementOf } from "../common/engagement-answers.js";
import { field } from "../common/json-fields.js";
import type { TokenAnswer } from "../common/with-fresh-token.js";
import { xErrorMessage } from "./answers.js";

const Count = z.number().int().nonnegative();
/** `public_metrics` as X v2 gives it (bookmarks and impressions are not kept: no other network has them). */
const PublicMetrics = z
  .object({
    data: z.object({
      public_metrics: z.object({
        like_count: Count,
        retweet_count: Count,
        reply_count: Count,
        quote_count: Count,
      }),
    }),
  })
  .transform(({ data: { public_metrics: m } }) => ({
    likes: m.like_count,
    reposts: m.retweet_count,
    replies: m.reply_count,
    quotes: m.quote_count,
  }));

/**
 * The post's public metrics as an engagement outcome. A post X cannot find (deleted) comes as a 200
 * with `errors` and no `data`: read as gone for good, not as an unreadable answer.
 *
 * @example
 * xEngagement(await authorized((t) => client.metrics(t, "1890…")));
 * // { kind: "read", counts: { likes: 12, reposts: 3, replies: 1, quotes: 0 } }
 */
export function xEngagement(answer: TokenAnswer): EngagementOutcome {
  if (
    answer.kind === "answer" &&
    answer.status === 200 &&
    !field(answer.body, "data") &&
    field(answer.body, "errors")
  )
    return { kind: "failed", message: `GET /2/tweets/:id: ${xErrorMessage(answer)}`, retryable: false };
  return engagementOf(answer, {
    networkName: "X",
    call: "GET /2/tweets/:id",
    counts: PublicMetrics,
    errorMessage: xErrorMessage,
  });
}
