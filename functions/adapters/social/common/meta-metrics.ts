import * as z from "zod";
import type { EngagementOutcome } from "../../../flows/ports/social.js";
import { engagementOf } from "./engagement-answers.js";
import type { HttpAnswer } from "./http-exchange.js";
import { graphErrorMessage, graphVerdict } from "./meta-graph-errors.js";
import type { TokenAnswer } from "./with-fresh-token.js";

const Count = z.number().int().nonnegative();
const Summary = z.object({ summary: z.object({ total_count: Count }) });

/** Facebook's post fields: every reaction counts as a like, comments include replies, shares when any. */
export const FACEBOOK_ENGAGEMENT_FIELDS =
  "reactions.summary(total_count).limit(0),comments.filter(stream).summary(total_count).limit(0),shares";

const FacebookPost = z
  .object({ reactions: Summary, comments: Summary, shares: z.object({ count: Count }).optional() })
  // `shares` is left out of the answer while nobody shared the post: that is 0, not unknown.
  .transform((p) => ({
    likes: p.reactions.summary.total_count,
    replies: p.comments.summary.total_count,
    reposts: p.shares?.count ?? 0,
  }));

/** Threads' insights: one entry per metric asked for, each with one lifetime value. */
export const THREADS_ENGAGEMENT_METRICS = "likes,replies,reposts,quotes";

const ThreadsInsights = z
  .object({
    data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: Count })).min(1) })),
  })
  .transform(({ data }) => {
    const value = (name: string) => data.find((m) => m.name === name)?.values[0]?.value;
    return {
      likes: value("likes"),
      replies: value("replies"),
      reposts: value("reposts"),
      quotes: value("quotes"),
    };
  });

/** Meta throttles with 400/403 and a code, and says when an error is transient. */
const passing = (answer: HttpAnswer) => ["rate_limited", "transient"].includes(graphVerdict(answer));

/**
 * A Page post's reactions, comments and shares (`GET /{post-id}?fields=…`, permission
 * `pages_read_engagement`) as an engagement outcome.
 *
 * @example
 * facebookEngagement(answer); // { kind: "read", counts: { likes: 25, replies: 4, reposts: 2 } }
 */
export function facebookEngagement(answer: TokenAnswer): EngagementOutcome {
  return engagementOf(answer, {
    networkName: "Facebook",
    call: "GET /{post-id}?fields=reactions,comments,shares",
    counts: FacebookPost,
    errorMessage: graphErrorMessage,
    passing,
  });
}

/**
 * A thread's insights (`GET /{media-id}/insights`, permission `threads_manage_insights`) as an
 * engagement outcome.
 *
 * @example
 * threadsEngagement(answer); // { kind: "read", counts: { likes: 9, replies: 2, reposts: 1, quotes: 0 } }
 */
export function threadsEngagement(answer: TokenAnswer): EngagementOutcome {
  return engagementOf(answer, {
    networkName: "Threads",
    call: "GET /{media-id}/insights",
    counts: ThreadsInsights,
    errorMessage: graphErrorMessage,
    passing,
  });
}
