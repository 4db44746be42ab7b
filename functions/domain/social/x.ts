import twitterText, { type ParseTweetOptions } from "twitter-text";
import * as z from "zod";
import { fitParts } from "./fit.js";
import { blockwise, textBlocks } from "./layout.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

/** X's limit for accounts without Premium, in twitter-text's weighted units. */
export const X_MAX_WEIGHTED_LENGTH = 280;

/** A post for `POST /2/tweets` (`{ text }`); X builds the link card from the article's own tags (see the X adapter). */
export const XPost = z.object({
  network: z.literal("x"),
  text: z.string().min(1),
});

// twitter-text ships its configurations but its types do not declare them; options replace the
// defaults wholesale, so a longer limit must be given with the rest of the v3 configuration.
const { defaults } = (twitterText as unknown as { configs: { defaults: ParseTweetOptions } }).configs;

/** X's own check of a whole post, as twitter-text makes it, with the account's limit. */
export function validForX(text: string, max = X_MAX_WEIGHTED_LENGTH): boolean {
  return twitterText.parseTweet(text, { ...defaults, maxWeightedTweetLength: max }).valid;
}
export type XPost = z.infer<typeof XPost>;

/**
 * X counts with twitter-text: most Latin 1, CJK and emoji 2, every URL it recognizes 23 (a URL on a
 * TLD it does not know is not a link on X either, and counts in full). Counted block by block while
 * fitting, for speed; the finished text is checked whole.
 */
function fitsX(text: string, max: number): boolean {
  return blockwise(text, (block) => twitterText.parseTweet(block).weightedLength) <= max;
}

/**
 * @example
 * composeX({ editionId: "ed_1", url: "https://news.example.org/a", title: "Storm closes the bridge", topics: ["world"] });
 * // { network: "x", text: "Storm closes the bridge\n\nhttps://news.example.org/a?utm_source=x&utm_medium=social&utm_campaign=ed_1\n\n#World" }
 */
export function composeX(source: PostSource, maxWeightedLength = X_MAX_WEIGHTED_LENGTH): XPost {
  const url = socialUrl(source.url, "x", source.editionId);
  const parts = fitParts(postParts(source), {
    fits: (p) => fitsX(textBlocks(p, url), maxWeightedLength),
    maxGraphemes: maxWeightedLength,
  });
  const text = textBlocks(parts, url);
  if (!validForX(text, maxWeightedLength)) throw new Error("composed X post fails twitter-text's check");
  return XPost.parse({ network: "x", text });
}
