import { exchange, type WireOptions, type WireResult } from "../common/http-exchange.js";
import { FACEBOOK_ENGAGEMENT_FIELDS } from "../common/meta-metrics.js";
import type { FacebookSettings } from "./settings.js";

/** The Graph API calls Herald makes for a Page, with the Page token in the Authorization header. */
export interface FacebookClient {
  /** `POST /{page-id}/feed` with `message` and `link` → `{ id: "<page-id>_<post-id>" }`. */
  createPost(message: string, link: string): Promise<WireResult>;
  /** The Page's latest posts with their permalinks and link attachments, newest first. */
  recentPosts(): Promise<WireResult>;
  /** `GET /{post-id}?fields=…`: the post's reaction, comment and share counts. */
  engagement(postId: string): Promise<WireResult>;
}

/** How far back a lookup reads. */
const RECENT_POSTS = 25;
/**
 * `link` is no longer a field of Page posts (deprecated in v3.3): the shared link is read from the
 * attachment, whose `unshimmed_url` is the URL itself rather than Facebook's redirect.
 */
const POST_FIELDS = "id,message,permalink_url,attachments{unshimmed_url,url}";

/**
 * @example
 * const client = facebookClient(settings, { fetch, timeoutMs: 10_000 });
 * await client.createPost(post.message, post.link);
 */
export function facebookClient(settings: FacebookSettings, wire: WireOptions): FacebookClient {
  const page = `${settings.apiUrl}/${settings.graphVersion}/${encodeURIComponent(settings.pageId)}`;
  // A header keeps the token out of URLs, which proxies and access logs keep.
  const authorization = `Bearer ${settings.pageToken}`;
  const graph = `${settings.apiUrl}/${settings.graphVersion}`;
  return {
    engagement: (postId) =>
      exchange(wire, {
        call: "GET /{post-id}?fields=reactions,comments,shares",
        url: `${graph}/${encodeURIComponent(postId)}?${new URLSearchParams({ fields: FACEBOOK_ENGAGEMENT_FIELDS })}`,
        headers: { authorization },
      }),
    createPost: (message, link) =>
      exchange(wire, {
        call: "POST /{page-id}/feed",
        method: "POST",
        url: `${page}/feed`,
        headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ message, link }),
      }),
    recentPosts() {
      const query = new URLSearchParams({ fields: POST_FIELDS, limit: String(RECENT_POSTS) });
      return exchange(wire, {
        call: "GET /{page-id}/posts",
        url: `${page}/posts?${query}`,
        headers: { authorization },
      });
    },
  };
}
