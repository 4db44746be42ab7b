import twitterText from "twitter-text";
import * as z from "zod";
import { fitParts } from "./fit.js";
import { graphemeLength } from "./graphemes.js";
import { blockwise, textBlocks } from "./layout.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

/** What an instance reports in `GET /api/v2/instance` → `configuration.statuses`; these are the defaults. */
export interface MastodonLimits {
  maxCharacters: number;
  charactersReservedPerUrl: number;
}
export const MASTODON_DEFAULT_LIMITS: MastodonLimits = { maxCharacters: 500, charactersReservedPerUrl: 23 };

/** A status for `POST /api/v1/statuses`; Mastodon builds the link card itself from the page's og: tags. */
export const MastodonPost = z.object({
  network: z.literal("mastodon"),
  status: z.string().min(1),
});
export type MastodonPost = z.infer<typeof MastodonPost>;

/**
 * Mastodon's StatusLengthValidator: grapheme clusters, with every http(s) URL it extracts (the
 * twitter-text extractor, without protocol-less URLs) counted as the reserved length. Remote
 * mentions count less on Mastodon than here, so this never undercounts. Counting may stop once
 * past `atMost`.
 */
export function mastodonLength(
  text: string,
  reservedPerUrl: number,
  atMost = Number.POSITIVE_INFINITY,
): number {
  const urls = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  let adjust = 0;
  for (const { url } of urls) adjust += reservedPerUrl - graphemeLength(url);
  return graphemeLength(text, atMost - adjust) + adjust;
}

/**
 * @example
 * composeMastodon(source);                                            // 500, the default
 * composeMastodon(source, { maxCharacters: 5000, charactersReservedPerUrl: 23 }); // from the instance
 */
export function composeMastodon(
  source: PostSource,
  limits: MastodonLimits = MASTODON_DEFAULT_LIMITS,
): MastodonPost {
  const url = socialUrl(source.url, "mastodon", source.editionId);
  const { maxCharacters, charactersReservedPerUrl } = limits;
  const measure = (block: string) => mastodonLength(block, charactersReservedPerUrl, maxCharacters);
  const parts = fitParts(postParts(source), {
    fits: (p) => blockwise(textBlocks(p, url), measure) <= maxCharacters,
    maxGraphemes: maxCharacters,
  });
  return MastodonPost.parse({ network: "mastodon", status: textBlocks(parts, url) });
}
