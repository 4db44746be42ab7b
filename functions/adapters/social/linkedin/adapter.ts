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
import { isTransient, retriedOnce } from "../common/retried-once.js";
import { authorizedCalls, type TokenAnswer } from "../common/with-fresh-token.js";
import { linkedinPostUrl, lookupRefusal, publishRefusal } from "./answers.js";
import { type LinkedInPostBody, linkedinClient } from "./client.js";
import type { LinkedInSettings } from "./settings.js";
import { linkedinEngagement } from "./social-actions.js";

export type LinkedInAdapterOptions = AdapterOptions<LinkedInSettings>;

/**
 * Posts article shares to an organization page. LinkedIn's API does not scrape links, so the card
 * is uploaded (`images?action=initializeUpload`, then a PUT of the bytes) and becomes the article's
 * thumbnail. The upload steps create nothing a reader sees: a timeout or 5xx there is retried once,
 * then reported as `failed`; only the `POST /rest/posts` itself can end `unknown`.
 *
 * @example
 * const linkedin = createLinkedInAdapter({ settings, credentials, now: () => new Date() });
 * await linkedin.publish(request);
 * // { kind: "posted", postId: "urn:li:share:7…", url: "https://www.linkedin.com/feed/update/urn:li:share:7…/" }
 */
export function createLinkedInAdapter(options: LinkedInAdapterOptions): SocialAdapter<"linkedin"> {
  const { settings, now } = options;
  const client = linkedinClient(settings, wireOptions(options));
  const canRefresh = Boolean(settings.refreshToken && settings.clientId && settings.clientSecret);
  const authorized = authorizedCalls({
    credentials: options.credentials,
    network: "linkedin",
    account: settings.organization,
    configured: { accessToken: settings.accessToken, refreshToken: settings.refreshToken },
    now,
    networkName: "LinkedIn",
    // 401 is every dead-token case (EXPIRED_ACCESS_TOKEN, REVOKED_ACCESS_TOKEN, 65600/65601).
    isExpired: (answer) => answer.kind === "answer" && answer.status === 401,
    refresh: canRefresh ? client.refresh : undefined,
  });

  /** The outcome of an upload step that did not succeed: nothing was posted either way. */
  const uploadFailed = (step: string, answer: TokenAnswer): PublishOutcome => {
    if (answer.kind === "auth" || answer.kind === "unknown") return answer;
    if (answer.kind !== "answer")
      return { kind: "failed", message: `LinkedIn ${step}: ${answer.message}, twice` };
    return publishRefusal(answer, now(), false);
  };

  /** Uploads the card; the image URN, or why it could not be uploaded. */
  async function uploadCard(card: Uint8Array): Promise<{ image: string } | { outcome: PublishOutcome }> {
    const init = await retriedOnce(() => authorized((token) => client.initializeUpload(token)), isTransient);
    const value = init.kind === "answer" && init.status === 200 ? field(init.body, "value") : undefined;
    const uploadUrl = textField(value, "uploadUrl");
    const image = textField(value, "image");
    if (!uploadUrl || !image) return { outcome: uploadFailed("image upload could not start", init) };
    const upload = () => authorized((token) => client.upload(token, uploadUrl, card));
    const put = await retriedOnce(upload, isTransient);
    if (put.kind === "answer" && put.status >= 200 && put.status < 300) return { image };
    return { outcome: uploadFailed("image upload failed", put) };
  }

  return {
    network: "linkedin",
    account: settings.organization,
    idempotent: false,
    async publish(request: PublishRequest<"linkedin">): Promise<PublishOutcome> {
      const { commentary, article } = request.post;
      const uploaded = await uploadCard(await request.card());
      if ("outcome" in uploaded) return uploaded.outcome;
      const body: LinkedInPostBody = {
        author: settings.organization,
        commentary,
        visibility: "PUBLIC",
        distribution: {
          feedDistribution: "MAIN_FEED",
          targetEntities: [],
          thirdPartyDistributionChannels: [],
        },
        content: { article: { ...article, thumbnail: uploaded.image } },
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
      };
      const answer = await authorized((token) => client.createPost(token, body));
      if (answer.kind !== "answer") return unansweredOutcome(answer, "LinkedIn");
      const urn = answer.headers.get("x-restli-id");
      if (answer.status === 201 && urn) return { kind: "posted", postId: urn, url: linkedinPostUrl(urn) };
      if (answer.status < 300)
        return { kind: "unknown", message: `LinkedIn answered ${answer.status} without a post URN` };
      return publishRefusal(answer, now(), true);
    },
    async lookup(request): Promise<LookupOutcome> {
      const answer = await authorized((token) => client.recentPosts(token));
      if (answer.kind !== "answer") return unansweredOutcome(answer, "LinkedIn");
      if (answer.status !== 200) return lookupRefusal(answer, now());
      const elements = field(answer.body, "elements");
      const match = (Array.isArray(elements) ? elements : []).find((post) =>
        sameLink(textField(field(field(post, "content"), "article"), "source"), request.url),
      );
      const id = textField(match, "id");
      return id ? { kind: "found", postId: id, url: linkedinPostUrl(id) } : { kind: "absent" };
    },
    readEngagement: async (post) =>
      linkedinEngagement(await authorized((token) => client.socialActions(token, post.postId))),
  };
}
