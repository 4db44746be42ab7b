import type { ServerResponse } from "node:http";
import { json, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";
import { businessUseCaseUsage, expiredToken, graphError, graphToken, params } from "./meta-graph.js";
import { answerFacebookPost, type MetaCounts, type MetaReadFault } from "./meta-metrics.js";

/** What the fake can be told to do to the next `POST /{page-id}/feed`. */
export type FacebookFault = "rate_limit" | "created_then_5xx" | "timeout";

export interface FacebookFakePost {
  id: string;
  message: string;
  link: string;
}

export interface FacebookFake extends Loopback {
  pageId: string;
  pageToken: string;
  posts: FacebookFakePost[];
  /** Minutes the last throttled answer told the Page to wait. */
  regainMinutes: number;
  failNext(fault: FacebookFault): void;
  /** Reactions (likes), comments (replies) and shares (reposts) per post id; the next read's fault. */
  engagement: Map<string, MetaCounts>;
  failNextRead(fault: MetaReadFault): void;
  /** The Page token is refused with code 190 from now on. */
  expirePageToken(): void;
  /** The crawler lists the article's canonical URL (no UTM parameters) as the attachment's URL. */
  canonicalizeLinks(): void;
}

const MAX_MESSAGE = 63_206;

/**
 * A loopback Graph API for one Page: `POST /{v}/{page-id}/feed` (message + link, duplicate 506,
 * throttling 80001 with `X-Business-Use-Case-Usage`) and `GET /{v}/{page-id}/posts` with the
 * fields asked for (the deprecated `link` field refused with code 12, as Graph does since v3.3).
 *
 * @example
 * const fake = await startFacebookFake();
 * fake.failNext("created_then_5xx");
 */
export async function startFacebookFake(): Promise<FacebookFake> {
  const pageId = "104512345678901";
  const state = { token: "fb-page-token", canonical: false, regainMinutes: 0 };
  const faults: FacebookFault[] = [];
  const posts: FacebookFakePost[] = [];
  let next = 1220000000000001;

  function createPost(req: SeenRequest, res: ServerResponse) {
    const form = params(req);
    const message = form.get("message") ?? "";
    const link = form.get("link");
    if (!link || !URL.canParse(link))
      return graphError(res, 400, 100, "(#100) The parameter link is invalid");
    if (message.length > MAX_MESSAGE)
      return graphError(res, 400, 100, "(#100) Param message must be at most 63206 characters long");
    const fault = faults.shift();
    if (fault === "rate_limit") {
      state.regainMinutes = 17;
      return graphError(
        res,
        400,
        80001,
        "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
        {
          headers: businessUseCaseUsage(pageId, state.regainMinutes),
        },
      );
    }
    if (posts.some((p) => p.message === message && p.link === link)) {
      return graphError(res, 400, 506, "(#506) Duplicate status message");
    }
    const id = `${pageId}_${next++}`;
    posts.push({ id, message, link });
    if (fault === "timeout") return untilClientLeaves(res); // created, and the answer never comes
    if (fault === "created_then_5xx")
      return graphError(res, 500, 1, "An unknown error has occurred.", { transient: true });
    json(res, 200, { id });
  }

  function listPosts(req: SeenRequest, res: ServerResponse) {
    const fields = (req.query.get("fields") ?? "id").split(/,(?![^{]*})/);
    if (fields.includes("link"))
      return graphError(res, 400, 12, "(#12) link field is deprecated for versions v3.3 and higher");
    const limit = Number(req.query.get("limit") ?? 25);
    const data = [...posts]
      .reverse()
      .slice(0, limit)
      .map((p) => {
        const postId = p.id.split("_")[1];
        const unshimmed = state.canonical ? p.link.replace(/\?.*$/, "") : p.link;
        const full: Record<string, unknown> = {
          id: p.id,
          message: p.message,
          permalink_url: `https://www.facebook.com/${pageId}/posts/pfbid0${postId}`,
          attachments: {
            data: [
              {
                url: `https://l.facebook.com/l.php?u=${encodeURIComponent(unshimmed)}`,
                unshimmed_url: unshimmed,
              },
            ],
          },
        };
        return Object.fromEntries(
          fields
            .map((f) => f.replace(/\{.*$/, ""))
            .filter((f) => f in full)
            .map((f) => [f, full[f]]),
        );
      });
    json(res, 200, { data, paging: { cursors: { before: "QVFIUmx", after: "QVFIUnB" } } });
  }

  const engagement = new Map<string, MetaCounts>();
  const readFaults: MetaReadFault[] = [];
  const server = await startLoopback((req, res) => {
    const post = /^\/v\d+\.\d+\/(\d+_\d+)$/.exec(req.path)?.[1];
    if (post && req.method === "GET" && graphToken(req) === state.token) {
      const known = posts.some((p) => p.id === post);
      return answerFacebookPost(res, post, known, engagement.get(post), readFaults.shift());
    }
    const match = /^\/(v\d+\.\d+)\/(\d+)\/(feed|posts)$/.exec(req.path);
    if (!match) return graphError(res, 400, 2500, `Unknown path components: ${req.path}`);
    if (graphToken(req) !== state.token) return expiredToken(res);
    if (match[2] !== pageId)
      return graphError(
        res,
        403,
        200,
        "(#200) The user hasn't authorized the application to perform this action",
      );
    if (req.method === "POST" && match[3] === "feed") return createPost(req, res);
    if (req.method === "GET" && match[3] === "posts") return listPosts(req, res);
    graphError(res, 400, 100, `Unsupported ${req.method} request.`);
  });

  return {
    ...server,
    pageId,
    pageToken: state.token,
    posts,
    get regainMinutes() {
      return state.regainMinutes;
    },
    failNext: (fault) => faults.push(fault),
    engagement,
    failNextRead: (fault) => readFaults.push(fault),
    expirePageToken: () => {
      state.token = "fb-page-token-renewed-elsewhere";
    },
    canonicalizeLinks: () => {
      state.canonical = true;
    },
  };
}
