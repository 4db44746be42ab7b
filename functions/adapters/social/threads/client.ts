import { exchange, type WireOptions, type WireResult } from "../common/http-exchange.js";
import { textField } from "../common/json-fields.js";
import { graphErrorMessage } from "../common/meta-graph-errors.js";
import { THREADS_ENGAGEMENT_METRICS } from "../common/meta-metrics.js";
import type { TokenSet } from "../common/token-keeper.js";
import type { RefreshResult } from "../common/with-fresh-token.js";
import type { ThreadsSettings } from "./settings.js";

/** The Threads API calls Herald makes; the token goes in the Authorization header where it can. */
export interface ThreadsClient {
  /** `POST /{user-id}/threads` (`media_type=TEXT`, `text`, `link_attachment`) → `{ id: <container> }`. */
  createContainer(accessToken: string, text: string, link: string): Promise<WireResult>;
  /** `GET /{container-id}?fields=status,error_message`: IN_PROGRESS, FINISHED, PUBLISHED, ERROR, EXPIRED. */
  containerStatus(accessToken: string, containerId: string): Promise<WireResult>;
  /** `POST /{user-id}/threads_publish?creation_id=…` → `{ id: <media> }`: the call that makes the post. */
  publish(accessToken: string, containerId: string): Promise<WireResult>;
  /** `GET /{media-id}?fields=permalink`. */
  permalink(accessToken: string, mediaId: string): Promise<WireResult>;
  /** `GET /{media-id}/insights?metric=likes,replies,reposts,quotes`. */
  insights(accessToken: string, mediaId: string): Promise<WireResult>;
  /** The profile's latest threads with their links, newest first. */
  recentThreads(accessToken: string): Promise<WireResult>;
  /** `GET /refresh_access_token?grant_type=th_refresh_token`: a long-lived token renews itself. */
  refresh(tokens: TokenSet): Promise<RefreshResult>;
}

const VERSION = "v1.0";
/** How far back a lookup reads. */
const RECENT_THREADS = 25;

/**
 * @example
 * const client = threadsClient(settings, { fetch, timeoutMs: 10_000 });
 * const container = await client.createContainer(token, post.text, post.linkAttachment);
 */
export function threadsClient(settings: ThreadsSettings, wire: WireOptions): ThreadsClient {
  const api = `${settings.apiUrl}/${VERSION}`;
  const user = `${api}/${encodeURIComponent(settings.userId)}`;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const form = (token: string) => ({ ...bearer(token), "content-type": "application/x-www-form-urlencoded" });
  const node = (id: string, fields: string) => `${api}/${encodeURIComponent(id)}?fields=${fields}`;
  return {
    createContainer: (token, text, link) =>
      exchange(wire, {
        call: "POST /{user-id}/threads",
        method: "POST",
        url: `${user}/threads`,
        headers: form(token),
        body: new URLSearchParams({ media_type: "TEXT", text, link_attachment: link }),
      }),
    containerStatus: (token, id) =>
      exchange(wire, {
        call: "GET /{container-id}?fields=status",
        url: node(id, "status,error_message"),
        headers: bearer(token),
      }),
    publish: (token, id) =>
      exchange(wire, {
        call: "POST /{user-id}/threads_publish",
        method: "POST",
        url: `${user}/threads_publish`,
        headers: form(token),
        body: new URLSearchParams({ creation_id: id }),
      }),
    permalink: (token, id) =>
      exchange(wire, {
        call: "GET /{media-id}?fields=permalink",
        url: node(id, "permalink"),
        headers: bearer(token),
      }),
    insights: (token, id) =>
      exchange(wire, {
        call: "GET /{media-id}/insights",
        url: `${api}/${encodeURIComponent(id)}/insights?metric=${THREADS_ENGAGEMENT_METRICS}`,
        headers: bearer(token),
      }),
    recentThreads(token) {
      const query = new URLSearchParams({
        fields: "id,permalink,text,link_attachment_url",
        limit: String(RECENT_THREADS),
      });
      return exchange(wire, {
        call: "GET /{user-id}/threads",
        url: `${user}/threads?${query}`,
        headers: bearer(token),
      });
    },
    async refresh(tokens) {
      // This endpoint takes the token only as a query parameter; no message ever names the URL.
      const query = new URLSearchParams({ grant_type: "th_refresh_token", access_token: tokens.accessToken });
      const url = `${settings.apiUrl}/refresh_access_token?${query}`;
      const answer = await exchange(wire, { call: "GET /refresh_access_token", url });
      if (answer.kind !== "answer") return { kind: "no_answer", message: answer.message };
      const accessToken = textField(answer.body, "access_token");
      if (answer.status === 200 && accessToken) return { kind: "refreshed", tokens: { accessToken } };
      if (answer.status >= 500) return { kind: "no_answer", message: `HTTP ${answer.status}` };
      return { kind: "refused", message: graphErrorMessage(answer) };
    },
  };
}
