import type {
  LookupOutcome,
  PublishOutcome,
  PublishRequest,
  SocialAdapter,
} from "../../../flows/ports/social.js";
import type { AdapterOptions } from "../common/adapter-options.js";
import { unansweredOutcome } from "../common/call-outcomes.js";
import { type HttpAnswer, wireOptions } from "../common/http-exchange.js";
import { field, textField } from "../common/json-fields.js";
import { sameArticle, sameLink } from "../common/link-match.js";
import {
  graphErrorMessage,
  graphLookupRefusal,
  graphVerdict,
  regainAccessAt,
} from "../common/meta-graph-errors.js";
import { facebookEngagement } from "../common/meta-metrics.js";
import { facebookClient } from "./client.js";
import type { FacebookSettings } from "./settings.js";

export type FacebookAdapterOptions = AdapterOptions<FacebookSettings>;

/** The links a listed post shares: its attachments' own URLs (Facebook's redirect as a fallback). */
function sharedLinks(post: unknown): string[] {
  const attachments = field(field(post, "attachments"), "data");
  return (Array.isArray(attachments) ? attachments : [])
    .map((a) => textField(a, "unshimmed_url") ?? textField(a, "url"))
    .filter((url): url is string => url !== undefined);
}

/**
 * Posts link posts to a Facebook Page (`message` + `link`); Facebook's crawler builds the preview
 * from the article's og: tags, so the card is not uploaded. Page tokens cannot be refreshed by
 * Herald: a dead one (code 190) flags the Page for a person.
 *
 * @example
 * const facebook = createFacebookAdapter({ settings, credentials, now: () => new Date() });
 * await facebook.publish(request); // { kind: "posted", postId: "1045…_1220…", url: "https://www.facebook.com/1045…_1220…" }
 */
export function createFacebookAdapter(options: FacebookAdapterOptions): SocialAdapter<"facebook"> {
  const { settings, now, credentials } = options;
  const client = facebookClient(settings, wireOptions(options));
  const postUrl = (id: string) => `https://www.facebook.com/${id}`;

  async function deadToken(answer: HttpAnswer) {
    const message = `Facebook refused the Page token: ${graphErrorMessage(answer)}`;
    await credentials.flagAttention("facebook", settings.pageId, message, now());
    return { kind: "auth" as const, message };
  }

  async function findPost(request: PublishRequest<"facebook">): Promise<LookupOutcome> {
    const answer = await client.recentPosts();
    if (answer.kind !== "answer") return unansweredOutcome(answer, "Facebook");
    if (answer.status !== 200) {
      if (graphVerdict(answer) === "expired_token") return deadToken(answer);
      return graphLookupRefusal(answer, now(), "Facebook");
    }
    const data = field(answer.body, "data");
    const posts: unknown[] = Array.isArray(data) ? data : [];
    // The crawler may list the article's canonical og:url instead of the tagged link it was given:
    // then the same article with the same message is the post.
    const match =
      posts.find((post) => sharedLinks(post).some((link) => sameLink(link, request.url))) ??
      posts.find(
        (post) =>
          textField(post, "message") === request.post.message &&
          sharedLinks(post).some((link) => sameArticle(link, request.url)),
      );
    const id = textField(match, "id");
    if (!id) return { kind: "absent" };
    return { kind: "found", postId: id, url: textField(match, "permalink_url") ?? postUrl(id) };
  }

  return {
    network: "facebook",
    account: settings.pageId,
    idempotent: false,
    async publish(request: PublishRequest<"facebook">): Promise<PublishOutcome> {
      const answer = await client.createPost(request.post.message, request.post.link);
      if (answer.kind !== "answer") return unansweredOutcome(answer, "Facebook");
      const id = textField(answer.body, "id");
      if (answer.status === 200 && id) return { kind: "posted", postId: id, url: postUrl(id) };
      const message = graphErrorMessage(answer);
      if (answer.status < 300)
        return { kind: "unknown", message: `Facebook answered ${answer.status} without a post id` };
      switch (graphVerdict(answer)) {
        case "expired_token":
          return deadToken(answer);
        case "rate_limited":
          return { kind: "rate_limited", retryAt: regainAccessAt(answer.headers, now()), message };
        case "transient":
          // A 500 can still mean the post was created (Meta documents it for Graph API 5xx answers): look it up before retrying.
          return { kind: "unknown", message: `Facebook answered ${answer.status}: ${message}` };
        case "duplicate": {
          const earlier = await findPost(request);
          return earlier.kind === "found"
            ? { kind: "duplicate", postId: earlier.postId, url: earlier.url, message }
            : { kind: "duplicate", message };
        }
        default:
          return { kind: "failed", message };
      }
    },
    lookup: findPost,
    /** A dead Page token is not flagged here: the next post flags it, and a read changes nothing. */
    readEngagement: async (post) => facebookEngagement(await client.engagement(post.postId)),
  };
}
