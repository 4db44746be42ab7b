import type { ServerResponse } from "node:http";
import { json } from "../loopback.js";

/** What the next `GET /2/tweets/:id` meets. */
export type XReadFault = "server_error" | "rate_limit" | "malformed";

export interface XMetrics {
  like_count: number;
  retweet_count: number;
  reply_count: number;
  quote_count: number;
}

/**
 * Answers `GET /2/tweets/:id?tweet.fields=public_metrics` as X v2 does: the post with its
 * `public_metrics` (bookmarks and impressions too), or, for an id it cannot find, a 200 whose body
 * has `errors` and no `data`.
 *
 * @example
 * answerTweet(res, { id, text }, "1890…", metrics, undefined);
 */
export function answerTweet(
  res: ServerResponse,
  post: { id: string; text: string } | undefined,
  id: string,
  metrics: XMetrics | undefined,
  fault: XReadFault | undefined,
) {
  if (fault === "server_error")
    return json(res, 503, {
      title: "Service Unavailable",
      detail: "Service Unavailable",
      type: "about:blank",
      status: 503,
    });
  if (fault === "rate_limit")
    return json(
      res,
      429,
      { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      {
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
      },
    );
  if (!post)
    return json(res, 200, {
      errors: [
        {
          value: id,
          detail: `Could not find tweet with id: [${id}].`,
          title: "Not Found Error",
          resource_type: "tweet",
          parameter: "id",
          resource_id: id,
          type: "https://api.twitter.com/2/problems/resource-not-found",
        },
      ],
    });
  const counts = metrics ?? { like_count: 0, retweet_count: 0, reply_count: 0, quote_count: 0 };
  const public_metrics = { ...counts, bookmark_count: 0, impression_count: 100 };
  if (fault === "malformed") return json(res, 200, { data: { id, text: post.text } });
  json(res, 200, { data: { id, text: post.text, edit_history_tweet_ids: [id], public_metrics } });
}
