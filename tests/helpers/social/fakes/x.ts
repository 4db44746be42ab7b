import type { ServerResponse } from "node:http";
import twitterText from "twitter-text";
import { json, jsonBody, type Loopback, type SeenRequest, startLoopback } from "../loopback.js";
import { untilClientLeaves } from "./hang.js";
import { answerTweet, type XMetrics, type XReadFault } from "./x-metrics.js";

/** What the fake can be told to do to the next `POST /2/tweets`. */
export type XFault = "rate_limit" | "daily_cap" | "created_then_5xx" | "timeout";

export interface XFakePost {
  id: string;
  text: string;
  /** The links as posted, before X wraps them in t.co. */
  urls: string[];
}

export interface XFake extends Loopback {
  posts: XFakePost[];
  user: { id: string; username: string; name: string };
  /** The access token the fake accepts now; the refresh token and client it renews with. */
  tokens: { access: string; refresh: string; clientId: string };
  /** The reset epoch seconds of the last 429: `{ window, day }`. */
  resets: { window: number; day: number };
  failNext(fault: XFault): void;
  /** Public metrics per post id (0 unless set), and what the next metrics read meets. */
  metrics: Map<string, XMetrics>;
  failNextRead(fault: XReadFault): void;
  /** From now on the access token is refused with 401, until the refresh grant issues another. */
  expireAccessToken(): void;
  /** The refresh grant is refused (the refresh token was revoked). */
  revokeRefreshToken(): void;
}

const problem = (status: number, title: string, detail: string, type = "about:blank") => ({
  title,
  detail,
  type,
  status,
});

/**
 * A loopback X API v2: `POST /2/tweets` (twitter-text's weighted length, duplicate text refused
 * with X's 403), `GET /2/users/me`, `GET /2/users/:id/tweets` (t.co links with expanded entities),
 * and the OAuth 2.0 refresh grant, which rotates both tokens.
 *
 * @example
 * const fake = await startXFake();
 * fake.failNext("rate_limit");
 */
export async function startXFake(): Promise<XFake> {
  const faults: XFault[] = [];
  const posts: XFakePost[] = [];
  const user = { id: "2244994945", username: "heraldnews", name: "The Daily Herald" };
  const tokens = { access: "x-access-1", refresh: "x-refresh-1", clientId: "herald-client" };
  const resets = { window: 0, day: 0 };
  const metrics = new Map<string, XMetrics>();
  const readFaults: XReadFault[] = [];
  let generation = 1;
  let refreshRevoked = false;
  let nextId = 1890000000000000000n;

  const authorized = (req: SeenRequest, res: ServerResponse) => {
    if (req.headers.authorization === `Bearer ${tokens.access}`) return true;
    json(res, 401, problem(401, "Unauthorized", "Unauthorized"));
    return false;
  };

  function createPost(req: SeenRequest, res: ServerResponse) {
    if (!req.headers["content-type"]?.startsWith("application/json")) {
      return json(res, 400, problem(400, "Invalid Request", "Content-Type must be application/json"));
    }
    const text = (jsonBody(req) as { text?: unknown } | undefined)?.text;
    if (typeof text !== "string" || !twitterText.parseTweet(text).valid) {
      return json(res, 400, {
        errors: [
          { parameters: { text: [String(text)] }, message: "The text of your post is too long or empty." },
        ],
        ...problem(
          400,
          "Invalid Request",
          "One or more parameters to your request was invalid.",
          "https://api.twitter.com/2/problems/invalid-request",
        ),
      });
    }
    const fault = faults.shift();
    const epoch = Math.floor(Date.now() / 1000);
    if (fault === "rate_limit" || fault === "daily_cap") {
      resets.window = epoch + 900;
      resets.day = epoch + 86_400 - 60;
      return json(res, 429, problem(429, "Too Many Requests", "Too Many Requests"), {
        "x-rate-limit-limit": "100",
        "x-rate-limit-remaining": fault === "rate_limit" ? "0" : "37",
        "x-rate-limit-reset": String(resets.window),
        "x-user-limit-24hour-limit": "17",
        "x-user-limit-24hour-remaining": fault === "daily_cap" ? "0" : "9",
        "x-user-limit-24hour-reset": String(resets.day),
      });
    }
    if (posts.some((p) => p.text === text)) {
      return json(
        res,
        403,
        problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content."),
      );
    }
    const id = String(nextId++);
    const urls = twitterText.extractUrls(text);
    posts.push({ id, text, urls });
    if (fault === "timeout") return untilClientLeaves(res); // created, and the answer never comes
    if (fault === "created_then_5xx")
      return json(res, 503, problem(503, "Service Unavailable", "Service Unavailable"));
    json(res, 201, { data: { id, text, edit_history_tweet_ids: [id] } });
  }

  /** A post as X lists it: links shortened to t.co, the originals kept in `entities.urls`. */
  function listed(post: XFakePost) {
    let text = post.text;
    const entities = twitterText.extractUrlsWithIndices(post.text).map(({ url, indices }, i) => {
      const short = `https://t.co/${post.id.slice(-6)}${i}`;
      text = text.replace(url, short);
      return {
        start: indices[0],
        end: indices[1],
        url: short,
        expanded_url: url,
        display_url: url.slice(8, 30),
      };
    });
    return { id: post.id, text, edit_history_tweet_ids: [post.id], entities: { urls: entities } };
  }

  function refresh(req: SeenRequest, res: ServerResponse) {
    const form = new URLSearchParams(req.body.toString("utf8"));
    const invalid = {
      error: "invalid_request",
      error_description: "Value passed for the token was invalid.",
    };
    if (form.get("grant_type") !== "refresh_token" || form.get("client_id") !== tokens.clientId) {
      return json(res, 400, {
        error: "invalid_request",
        error_description: "Missing required parameter [client_id].",
      });
    }
    if (refreshRevoked || form.get("refresh_token") !== tokens.refresh) return json(res, 400, invalid);
    generation += 1;
    tokens.access = `x-access-${generation}`;
    tokens.refresh = `x-refresh-${generation}`;
    json(res, 200, {
      token_type: "bearer",
      expires_in: 7200,
      access_token: tokens.access,
      scope: "tweet.read tweet.write users.read offline.access",
      refresh_token: tokens.refresh,
    });
  }

  const server = await startLoopback((req, res) => {
    if (req.method === "POST" && req.path === "/2/oauth2/token") return refresh(req, res);
    if (!authorized(req, res)) return;
    if (req.method === "POST" && req.path === "/2/tweets") return createPost(req, res);
    if (req.method === "GET" && req.path === "/2/users/me") return json(res, 200, { data: user });
    if (req.method === "GET" && req.path === `/2/users/${user.id}/tweets`) {
      const max = Number(req.query.get("max_results") ?? 10);
      if (!(max >= 5 && max <= 100)) {
        return json(res, 400, problem(400, "Invalid Request", "max_results must be between 5 and 100"));
      }
      const newest = [...posts].reverse().slice(0, max).map(listed);
      if (newest.length === 0) return json(res, 200, { meta: { result_count: 0 } });
      const meta = { result_count: newest.length, newest_id: newest[0]?.id, oldest_id: newest.at(-1)?.id };
      return json(res, 200, { data: newest, meta });
    }
    const tweet = /^\/2\/tweets\/(\d+)$/.exec(req.path)?.[1];
    if (
      req.method === "GET" &&
      tweet &&
      req.query.get("tweet.fields")?.split(",").includes("public_metrics")
    ) {
      const post = posts.find((p) => p.id === tweet);
      return answerTweet(res, post, tweet, metrics.get(tweet), readFaults.shift());
    }
    json(res, 404, problem(404, "Not Found Error", `No route ${req.method} ${req.path}`));
  });

  return {
    ...server,
    posts,
    user,
    tokens,
    resets,
    failNext: (fault) => faults.push(fault),
    metrics,
    failNextRead: (fault) => readFaults.push(fault),
    expireAccessToken: () => {
      tokens.access = `x-access-expired-${generation}`;
    },
    revokeRefreshToken: () => {
      refreshRevoked = true;
    },
  };
}
