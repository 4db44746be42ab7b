import type { ServerResponse } from "node:http";
import { json, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";
import { expiredToken, graphError, graphToken, params } from "./meta-graph.js";
import { answerThreadsInsights, type MetaCounts, type MetaReadFault } from "./meta-metrics.js";

/** What the fake can be told to do: to the next container creation, or the next `threads_publish`. */
export type ThreadsFault =
  | "container_5xx"
  | "container_in_progress"
  | "rate_limit"
  | "created_then_5xx"
  | "timeout";

interface Container {
  id: string;
  text: string;
  link: string;
  status: "IN_PROGRESS" | "FINISHED" | "PUBLISHED";
  /** Status reads still answering IN_PROGRESS. */
  busyReads: number;
}

export interface ThreadsFakePost {
  id: string;
  text: string;
  link: string;
  permalink: string;
}

export interface ThreadsFake extends Loopback {
  userId: string;
  posts: ThreadsFakePost[];
  containers: Container[];
  /** The token the fake accepts now. */
  token: { current: string };
  failNext(fault: ThreadsFault): void;
  /** Likes, replies, reposts and quotes per media id (0 unless set); the next insights read's fault. */
  engagement: Map<string, MetaCounts>;
  failNextRead(fault: MetaReadFault): void;
  /** API calls with the current token answer code 190; `refresh_access_token` still renews it. */
  expireToken(): void;
  /** `refresh_access_token` answers code 190 too (the token was not refreshed within 60 days). */
  refuseRefresh(): void;
}

/** Threads counts emoji as their UTF-8 bytes and other characters as one (text attachments docs). */
function threadsLength(text: string): number {
  const segments = new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text);
  let length = 0;
  for (const { segment } of segments) {
    length += /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment)
      ? Buffer.byteLength(segment)
      : 1;
  }
  return length;
}

/**
 * A loopback Threads API for one profile: TEXT containers with a link attachment (500-character
 * limit), container status, `threads_publish` (which refuses unfinished or published containers),
 * permalinks, the profile's threads list, and `refresh_access_token`.
 *
 * @example
 * const fake = await startThreadsFake();
 * fake.failNext("created_then_5xx");
 */
export async function startThreadsFake(): Promise<ThreadsFake> {
  const userId = "17841400000000000";
  const faults: ThreadsFault[] = [];
  const posts: ThreadsFakePost[] = [];
  const containers: Container[] = [];
  const token = { current: "th-token-1" };
  let expired = false;
  let refreshRefused = false;
  let next = 1;
  const take = (...kinds: ThreadsFault[]) =>
    faults[0] && kinds.includes(faults[0]) ? faults.shift() : undefined;

  function createContainer(req: SeenRequest, res: ServerResponse) {
    const form = params(req);
    const text = form.get("text") ?? "";
    const link = form.get("link_attachment") ?? "";
    if (form.get("media_type") !== "TEXT")
      return graphError(res, 400, 100, "Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}");
    if (threadsLength(text) > 500)
      return graphError(res, 400, 100, "Param text must be at most 500 characters long.");
    if (!URL.canParse(link)) return graphError(res, 400, 100, "Param link_attachment must be a valid URL.");
    const fault = take("container_5xx", "container_in_progress");
    if (fault === "container_5xx")
      return graphError(res, 500, 2, "Service temporarily unavailable", { transient: true });
    const container: Container = { id: `1800${next++}`, text, link, status: "FINISHED", busyReads: 0 };
    if (fault === "container_in_progress") Object.assign(container, { status: "IN_PROGRESS", busyReads: 2 });
    containers.push(container);
    json(res, 200, { id: container.id });
  }

  function publish(req: SeenRequest, res: ServerResponse) {
    const container = containers.find((c) => c.id === params(req).get("creation_id"));
    if (!container) return graphError(res, 400, 100, "Param creation_id is not a valid container.");
    if (container.status === "IN_PROGRESS")
      return graphError(res, 400, 24, "The media is not ready for publishing, please wait for a moment", {
        subcode: 4279009,
      });
    if (container.status === "PUBLISHED")
      return graphError(res, 400, 24, "The media has already been published", { subcode: 4279008 });
    const fault = take("rate_limit", "created_then_5xx", "timeout");
    if (fault === "rate_limit") return graphError(res, 400, 4, "Application request limit reached");
    container.status = "PUBLISHED";
    const id = `1790${next++}`;
    posts.push({
      id,
      text: container.text,
      link: container.link,
      permalink: `https://www.threads.com/@heraldnews/post/C${id}x`,
    });
    if (fault === "timeout") return untilClientLeaves(res); // created, and the answer never comes
    if (fault === "created_then_5xx")
      return graphError(res, 500, 1, "An unknown error has occurred.", { transient: true });
    json(res, 200, { id });
  }

  function readNode(req: SeenRequest, res: ServerResponse, id: string) {
    const container = containers.find((c) => c.id === id);
    if (container) {
      if (container.busyReads > 0) {
        container.busyReads -= 1;
        return json(res, 200, { status: "IN_PROGRESS", id });
      }
      if (container.status === "IN_PROGRESS") container.status = "FINISHED";
      return json(res, 200, { status: container.status, id });
    }
    const post = posts.find((p) => p.id === id);
    if (!post) return graphError(res, 400, 100, `Object with ID '${id}' does not exist`, { subcode: 33 });
    json(
      res,
      200,
      req.query.get("fields")?.includes("permalink") ? { permalink: post.permalink, id } : { id },
    );
  }

  function refresh(req: SeenRequest, res: ServerResponse) {
    if (req.query.get("grant_type") !== "th_refresh_token")
      return graphError(res, 400, 100, "Invalid grant_type");
    if (refreshRefused || req.query.get("access_token") !== token.current) return expiredToken(res);
    token.current = `th-token-renewed-${next++}`;
    expired = false;
    json(res, 200, { access_token: token.current, token_type: "bearer", expires_in: 5183944 });
  }

  const engagement = new Map<string, MetaCounts>();
  const readFaults: MetaReadFault[] = [];
  const server = await startLoopback((req, res) => {
    if (req.method === "GET" && req.path === "/refresh_access_token") return refresh(req, res);
    if (expired || graphToken(req) !== token.current) return expiredToken(res);
    const [version, node, edge] = req.path.split("/").slice(1);
    if (version !== "v1.0" || !node)
      return graphError(res, 400, 2500, `Unknown path components: ${req.path}`);
    if (req.method === "GET" && !edge) return readNode(req, res, node);
    if (req.method === "GET" && edge === "insights") {
      const known = posts.some((p) => p.id === node);
      const metrics = req.query.get("metric") ?? "";
      return answerThreadsInsights(res, node, metrics, known, engagement.get(node), readFaults.shift());
    }
    if (node !== userId)
      return graphError(res, 403, 10, "Application does not have permission for this action");
    if (req.method === "POST" && edge === "threads") return createContainer(req, res);
    if (req.method === "POST" && edge === "threads_publish") return publish(req, res);
    if (req.method === "GET" && edge === "threads") {
      const limit = Number(req.query.get("limit") ?? 25);
      const data = [...posts]
        .reverse()
        .slice(0, limit)
        .map((p) => ({ id: p.id, permalink: p.permalink, text: p.text, link_attachment_url: p.link }));
      return json(res, 200, { data, paging: { cursors: { before: "QVFIU", after: "QVFIV" } } });
    }
    graphError(res, 400, 100, `Unsupported ${req.method} request.`);
  });

  return {
    ...server,
    userId,
    posts,
    containers,
    token,
    failNext: (fault) => faults.push(fault),
    engagement,
    failNextRead: (fault) => readFaults.push(fault),
    expireToken: () => {
      expired = true;
    },
    refuseRefresh: () => {
      refreshRefused = true;
    },
  };
}
