import { composePost } from "../../../functions/domain/social/compose.js";
import { type SocialNetwork, socialUrl } from "../../../functions/domain/social/network.js";
import type { PostSource } from "../../../functions/domain/social/source.js";
import type { PublishRequest } from "../../../functions/flows/ports/social.js";

/** The seed article (`/work/shared/seed-article.txt`) as a post source. */
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

/** A 1×1 transparent PNG: a card small enough for every network. */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);

/**
 * A publish request for `network` built the way the social flow builds it: the composed post,
 * the UTM-tagged URL, the card, and a key stable for the edition and account.
 *
 * @example
 * const request = publishRequest("x", SEED_SOURCE);
 * request.post.text; // composePost("x", SEED_SOURCE).text
 */
export function publishRequest<N extends SocialNetwork>(
  network: N,
  source: PostSource = SEED_SOURCE,
): PublishRequest<N> & { cardReads: () => number } {
  let reads = 0;
  return {
    editionId: source.editionId,
    post: composePost(network, source),
    url: socialUrl(source.url, network, source.editionId),
    card: async () => {
      reads += 1;
      return TINY_PNG;
    },
    cardUrl: `https://herald.example.org/v1/editions/${source.editionId}/card.png`,
    idempotencyKey: `${source.editionId}:${network}`,
    cardReads: () => reads,
  };
}
