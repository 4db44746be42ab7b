import type { ServerResponse } from "node:http";
import { json } from "../loopback.js";
import { businessUseCaseUsage, graphError } from "./meta-graph.js";

/**
 * What the next metrics read of a Meta fake meets: a transient 500 (code 2), throttling (code 80001
 * with `X-Business-Use-Case-Usage`), a token without the read permission, or a body without counts.
 */
export type MetaReadFault = "server_error" | "throttled" | "no_permission" | "malformed";

export interface MetaCounts {
  likes: number;
  replies: number;
  reposts: number;
  quotes: number;
}

const ZERO: MetaCounts = { likes: 0, replies: 0, reposts: 0, quotes: 0 };

/** Answers the fault, if any, and says whether it did. */
function failed(res: ServerResponse, objectId: string, fault: MetaReadFault | undefined, permission: string) {
  if (fault === "server_error") {
    graphError(res, 500, 2, "Service temporarily unavailable", { transient: true });
  } else if (fault === "throttled") {
    const headers = businessUseCaseUsage(objectId, 20);
    graphError(res, 400, 80001, "There have been too many calls to this Page account.", { headers });
  } else if (fault === "no_permission") {
    graphError(res, 403, 10, `(#10) Application does not have permission for this action: ${permission}`);
  } else return false;
  return true;
}

/**
 * `GET /{post-id}?fields=reactions.summary(total_count).limit(0),comments…,shares` as Graph answers
 * it: empty `data` lists with summaries, and `shares` only once someone shared the post.
 *
 * @example
 * answerFacebookPost(res, "1045_1220", true, { likes: 25, replies: 4, reposts: 0, quotes: 0 }, undefined);
 */
export function answerFacebookPost(
  res: ServerResponse,
  id: string,
  known: boolean,
  counts: MetaCounts | undefined,
  fault: MetaReadFault | undefined,
) {
  if (failed(res, id.split("_")[0] ?? id, fault, "pages_read_engagement")) return;
  if (!known) return graphError(res, 400, 100, `Object with ID '${id}' does not exist`, { subcode: 33 });
  const { likes, replies, reposts } = counts ?? ZERO;
  if (fault === "malformed") return json(res, 200, { id });
  json(res, 200, {
    reactions: { data: [], summary: { total_count: likes, viewer_reaction: "NONE" } },
    comments: { data: [], summary: { order: "ranked", total_count: replies, can_comment: true } },
    ...(reposts > 0 && { shares: { count: reposts } }),
    id,
  });
}

/**
 * `GET /{media-id}/insights?metric=…` as Threads answers it: one entry per metric asked for, each
 * with its lifetime value.
 *
 * @example
 * answerThreadsInsights(res, "1790…", "likes,replies", true, counts, undefined);
 */
export function answerThreadsInsights(
  res: ServerResponse,
  id: string,
  metrics: string,
  known: boolean,
  counts: MetaCounts | undefined,
  fault: MetaReadFault | undefined,
) {
  if (failed(res, id, fault, "threads_manage_insights")) return;
  if (!known) return graphError(res, 400, 100, `Object with ID '${id}' does not exist`, { subcode: 33 });
  const all = counts ?? ZERO;
  const data = metrics
    .split(",")
    .filter((name): name is keyof MetaCounts => name in all)
    .map((name) => ({
      name,
      period: "lifetime",
      values: fault === "malformed" ? [] : [{ value: all[name] }],
      title: name[0]?.toUpperCase() + name.slice(1),
      description: `The number of ${name} on your post.`,
      id: `${id}/insights/${name}/lifetime`,
    }));
  json(res, 200, { data });
}
