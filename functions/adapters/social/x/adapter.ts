import type { SocialPostFor } from "../../../domain/social/compose.js";
import type {
  LookupOutcome,
  PublishOutcome,
  PublishRequest,
  SocialAdapter,
} from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { unansweredOutcome } from "../common/call-outcomes.js";
import { wireOptions } from "../common/http-exchange.js";
import { field, textField } from "../common/json-fields.js";
import { sameLink } from "../common/link-match.js";
import { authorizedCalls } from "../common/with-fresh-token.js";
import { lookupRefusal, publishRefusal } from "./answers.js";
import { xClient } from "./client.js";
import { xEngagement } from "./metrics.js";
import type { XSettings } from "./settings.js";

export type XAdapterOptions = AdapterOptions<XSettings>;

/**
 * Posts to X with OAuth 2.0 user-context tokens, refreshing them when X answers 401.
 *
 * The card is not uploaded: X builds a `summary_large_image` card from the article's own
 * `twitter:`/`og:` tags, and that card is one link to the
 * article. Attached media would replace the card with an image that opens itself, not the
 * article, and would cost a `media.write` scope and an upload call that can fail on its own.
 *
 * @example
 * const x = createXAdapter({ settings: xSettingsFromEnv(env)!, credentials, now: () => new Date() });
 * await x.publish({ editionId, post: composePost("x", source), url, card, cardUrl, idempotencyKey });
 * // { kind: "posted", postId: "1890…", url: "https://x.com/heraldnews/status/1890…" }
 */
export function createXAdapter(options: XAdapterOptions): SocialAdapter<"x"> {
  const { settings, now } = options;
  const client = xClient(settings, wireOptions(options));
  const authorized = authorizedCalls({
    credentials: options.credentials,
    network: "x",
    account: settings.username,
    configured: { accessToken: settings.accessToken, refreshToken: settings.refreshToken },
    now,
    networkName: "X",
    isExpired: (answer) => answer.kind === "answer" && answer.status === 401,
    refresh: settings.refreshToken && settings.clientId ? client.refresh : undefined,
  });
  const postUrl = (id: string) => `https://x.com/${settings.username}/status/${id}`;

  /** The account's recent post that links to `url`, matched on X's expanded link entities. */
  async function findPost(url: string): Promise<LookupOutcome> {
    const me = await authorized((token) => client.me(token));
    if (me.kind !== "answer") return unansweredOutcome(me, "X");
    const userId = textField(field(me.body, "data"), "id");
    if (me.status !== 200 || !userId) return lookupRefusal(me, now());
    const list = await authorized((token) => client.recentPosts(token, userId));
    if (list.kind !== "answer") return unansweredOutcome(list, "X");
    if (list.status !== 200) return lookupRefusal(list, now());
    const posts = field(list.body, "data");
    const match = (Array.isArray(posts) ? posts : []).find((post) => {
      const urls = field(field(post, "entities"), "urls");
      return Array.isArray(urls) && urls.some((u) => sameLink(textField(u, "expanded_url"), url));
    });
    const id = textField(match, "id");
    return id ? { kind: "found", postId: id, url: postUrl(id) } : { kind: "absent" };
  }

  return {
    network: "x",
    account: settings.username,
    idempotent: false,
    async publish(request: PublishRequest<"x">): Promise<PublishOutcome> {
      const post: SocialPostFor<"x"> = request.post;
      const answer = await authorized((token) => client.createPost(token, post.text));
      if (answer.kind !== "answer") return unansweredOutcome(answer, "X");
      const id = textField(field(answer.body, "data"), "id");
      if (answer.status === 201 && id) return { kind: "posted", postId: id, url: postUrl(id) };
      if (answer.status < 300)
        return { kind: "unknown", message: `X answered ${answer.status} without a post id` };
      const refusal = publishRefusal(answer, now());
      if (refusal.kind !== "duplicate") return refusal;
      // X names no id for a duplicate; the earlier post is among the recent ones when Herald made it.
      const earlier = await findPost(request.url);
      return earlier.kind === "found" ? { ...refusal, postId: earlier.postId, url: earlier.url } : refusal;
    },
    lookup: (request) => findPost(request.url),
    /** Public metrics (scope `tweet.read`); on pay-per-use access every read is billed. */
    readEngagement: async (post) =>
      xEngagement(await authorized((token) => client.metrics(token, post.postId))),
  };
}
