import { type ComposeOptions, composePost } from "../../../functions/domain/social/compose.js";
import { type SocialNetwork, socialUrl } from "../../../functions/domain/social/network.js";
import type { PostSource } from "../../../functions/domain/social/source.js";
import type { PublishRequest } from "../../../functions/flows/ports/social.js";

/** The seed article (tests/unit/render/fixtures/seed-article.html) as a post source. */
export const SEED_SOURCE: PostSource = {
  editionId: "ed_Fx3kQ9mTz7LpWc2VbN8yRa",
  url: "https://news.example.org/2025/02/us-europe-ukraine-security-guarantees",
  title: "US Seeks European Input on Ukraine Security Guarantees Amid Shifting Alliances",
  summary:
    "The U.S. asks European allies what they need to provide security guarantees for Ukraine, signaling a shift in transatlantic cooperation. Analysis of the diplomatic move and its implications.",
  topics: ["world", "politics"],
};

/** The same story for a Ukrainian-language edition: Cyrillic title and summary. */
export const CYRILLIC_SOURCE: PostSource = {
  editionId: "ed_Ua7kQ9mTz7LpWc2VbN8yRb",
  url: "https://news.example.org/uk/2025/02/ssha-yevropa-harantii",
  title: "США просять Європу визначитися з гарантіями безпеки для України",
  summary: "Вашингтон запитує європейських союзників, що їм потрібно для участі в гарантіях безпеки.",
  topics: ["world"],
};

/** The same story for a Chinese-language edition, with a headline that ends in flag emoji. */
export const CHINESE_SOURCE: PostSource = {
  editionId: "ed_Zh5kQ9mTz7LpWc2VbN8yRc",
  url: "https://news.example.org/zh/ukraine-security",
  title: "美国就乌克兰安全保障征求欧洲意见 🇺🇦🇪🇺",
  summary: "美方询问欧洲盟友需要什么条件才能为乌克兰提供安全保障。",
  topics: ["world"],
};

/** The seed story in a Latin script and in one where characters, bytes and graphemes all differ. */
export const ARTICLES = { latin: SEED_SOURCE, chinese: CHINESE_SOURCE } satisfies Record<string, PostSource>;

/** A valid 1×1 PNG: adapters only pass the card on, so its content does not matter. */
export const ONE_PIXEL_PNG = new Uint8Array(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);

export interface RequestOptions {
  /** The story to post; the seed article unless given. */
  article?: PostSource;
  /** Another edition of the same article (its own idempotency key and tagged URL). */
  editionId?: string;
  card?: Uint8Array;
  compose?: ComposeOptions;
}

/**
 * A publish request as the social flow builds it: the post composed by `composePost`, the
 * UTM-tagged URL, the card, and a key that is the same on every attempt for this edition.
 * `cardReads` counts how often an adapter asked for the card.
 *
 * @example
 * const request = publishRequest("bluesky", { article: CYRILLIC_SOURCE });
 * request.post.text; // composePost("bluesky", CYRILLIC_SOURCE).text
 */
export function publishRequest<N extends SocialNetwork>(
  network: N,
  options: RequestOptions = {},
): PublishRequest<N> & { cardReads: () => number } {
  const article = options.article ?? SEED_SOURCE;
  const editionId = options.editionId ?? article.editionId;
  const card = options.card ?? ONE_PIXEL_PNG;
  let reads = 0;
  return {
    editionId,
    post: composePost(network, { ...article, editionId }, options.compose),
    url: socialUrl(article.url, network, editionId),
    card: async () => {
      reads += 1;
      return card;
    },
    cardUrl: `https://herald.example.org/v1/editions/${editionId}/card.png`,
    idempotencyKey: `${editionId}:${network}`,
    cardReads: () => reads,
  };
}
