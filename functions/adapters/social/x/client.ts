import { exchange, type WireOptions, type WireResult } from "../common/http-exchange.js";
import { refreshGrantResult } from "../common/refresh-grant.js";
import type { TokenSet } from "../common/token-keeper.js";
import type { RefreshResult } from "../common/with-fresh-token.js";
import { xErrorMessage } from "./answers.js";
import type { XSettings } from "./settings.js";

/**
 * The X API v2 calls Herald makes, over `fetch`. `twitter-api-v2` is the usual client, but it is not
 * installed and four calls do not need it: plain `fetch` gives each call its own timeout, keeps the
 * raw status and `x-rate-limit-*` headers in hand, and never throws for an answer X gave.
 */
export interface XClient {
  /** `POST /2/tweets` → 201 `{ data: { id, text } }`. */
  createPost(accessToken: string, text: string): Promise<WireResult>;
  /** `GET /2/users/me` → `{ data: { id, name, username } }`. */
  me(accessToken: string): Promise<WireResult>;
  /** The account's latest own posts with their link entities, newest first. */
  recentPosts(accessToken: string, userId: string): Promise<WireResult>;
  /** `GET /2/tweets/:id?tweet.fields=public_metrics` → `{ data: { id, public_metrics } }`. */
  metrics(accessToken: string, postId: string): Promise<WireResult>;
  /** OAuth 2.0 refresh_token grant; X rotates the refresh token, so both come back. */
  refresh(tokens: TokenSet): Promise<RefreshResult>;
}

/** How far back a lookup reads: a post that timed out is among the account's last few. */
const RECENT_POSTS = 20;

/**
 * @example
 * const client = xClient(settings, { fetch, timeoutMs: 10_000 });
 * const answer = await client.createPost(token, post.text);
 */
export function xClient(settings: XSettings, wire: WireOptions): XClient {
  const api = settings.apiUrl;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  return {
    createPost: (token, text) =>
      exchange(wire, {
        call: "POST /2/tweets",
        method: "POST",
        url: `${api}/2/tweets`,
        headers: { ...bearer(token), "content-type": "application/json" },
        body: JSON.stringify({ text }),
      }),
    me: (token) =>
      exchange(wire, { call: "GET /2/users/me", url: `${api}/2/users/me`, headers: bearer(token) }),
    recentPosts(token, userId) {
      const query = new URLSearchParams({
        max_results: String(RECENT_POSTS),
        "tweet.fields": "entities,created_at",
        exclude: "retweets,replies",
      });
      const url = `${api}/2/users/${encodeURIComponent(userId)}/tweets?${query}`;
      return exchange(wire, { call: "GET /2/users/:id/tweets", url, headers: bearer(token) });
    },
    metrics(token, postId) {
      const url = `${api}/2/tweets/${encodeURIComponent(postId)}?tweet.fields=public_metrics`;
      return exchange(wire, { call: "GET /2/tweets/:id", url, headers: bearer(token) });
    },
    async refresh(tokens) {
      if (!tokens.refreshToken || !settings.clientId) return { kind: "refused", message: "no refresh token" };
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (settings.clientSecret) {
        const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString("base64");
        headers.authorization = `Basic ${basic}`;
      }
      const body = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: tokens.refreshToken,
        client_id: settings.clientId,
      });
      const answer = await exchange(wire, {
        call: "POST /2/oauth2/token",
        method: "POST",
        url: `${api}/2/oauth2/token`,
        headers,
        body,
      });
      return refreshGrantResult(answer, tokens, xErrorMessage);
    },
  };
}
