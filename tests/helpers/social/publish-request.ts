import { type ComposeOptions, composePost } from "../../../functions/domain/social/compose.js";
import { type SocialNetwork, socialUrl } from "../../../functions/domain/social/network.js";
import type { PostSource } from "../../../functions/domain/social/source.js";
import type { PublishRequest } from "../../../functions/flows/ports/social.js";
import { articleBody } from "../factories.js";

/** A valid 1×1 PNG: adapters only pass the card on, so its content does not matter. */
export const ONE_PIXEL_PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

const seed = articleBody();

/** The seed article's shapes, and one with a non-Latin headline, emoji and all. */
export const ARTICLES = {
  latin: { url: seed.url, title: seed.title, summary: seed.summary, topics: seed.topics },
  chinese: {
    url: "https://news.example/zh/ukraine-security",
    title: "美国就乌克兰安全保障征求欧洲意见 🇺🇦🇪🇺",
    summary: "美方询问欧洲盟友需要什么条件才能为乌克兰提供安全保障。",
    topics: ["world"],
  },
} satisfies Record<string, Omit<PostSource, "editionId">>;

export interface RequestOptions {
  editionId?: string;
  article?: Omit<PostSource, "editionId">;
  card?: Uint8Array;
  compose?: ComposeOptions;
}

/**
 * A publish request as the social flow builds it: the post composed by `composePost`, the tagged
 * URL, the card, and a key that is the same on every attempt for this edition.
 *
 * @example
 * const request = publishRequest("bluesky", { article: ARTICLES.chinese });
 */
export function publishRequest<N extends SocialNetwork>(
  network: N,
  options: RequestOptions = {},
): PublishRequest<N> {
  const editionId = options.editionId ?? "ed_Fx3kQ9mTz7LpWc2VbN8yRa";
  const article = options.article ?? ARTICLES.latin;
  const card = options.card ?? ONE_PIXEL_PNG;
  return {
    editionId,
    post: composePost(network, { editionId, ...article }, options.compose),
    url: socialUrl(article.url, network, editionId),
    card: async () => card,
    cardUrl: `https://herald.example/v1/editions/${editionId}/card.png`,
    idempotencyKey: `${editionId}:${network}`,
  };
}
