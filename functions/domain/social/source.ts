import * as z from "zod";
import { singleLine } from "../text.js";

/**
 * What a post is composed from: the edition's article, reduced to what social text needs. Built
 * from an `Article` by the caller (`{ editionId, url, title, summary, topics }`).
 */
export const PostSource = z.object({
  editionId: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  title: z.string(),
  summary: z.string().optional(),
  topics: z.array(z.string()).default([]),
});
export type PostSource = z.input<typeof PostSource>;

/** Title, summary and hashtags cleaned for any network, before fitting. */
export interface PostParts {
  title: string;
  summary: string;
  hashtags: readonly string[];
}

// X refuses text with these (twitter-text `invalidChars`); they are invisible everywhere else.
const INVALID = /[\uFFFE\uFEFF\uFFFF]/g;
// With the `u` flag only unpaired surrogates are code points of category Cs.
const LONE_SURROGATE = /\p{Cs}/gu;
/** Bluesky validates tags up to 64 graphemes; a topic slug this long is not a useful hashtag anyway. */
const MAX_TAG_LENGTH = 64;

/**
 * One line, NFC (what X counts and what every network stores), no lone surrogates (they cannot be
 * encoded as UTF-8, so Bluesky's byte offsets would be meaningless), none of X's invalid characters.
 */
export function cleanText(text: string): string {
  return singleLine(text.replace(LONE_SURROGATE, "\uFFFD").normalize("NFC").replace(INVALID, ""));
}

/**
 * A topic slug as a hashtag: "climate-change" → "#ClimateChange". CamelCase because hashtags cannot
 * hold hyphens or spaces and screen readers read CamelCase as words; a tag without a letter would
 * not be a hashtag on X, so it is left out.
 *
 * @example
 * hashtag("climate-change"); // "#ClimateChange"
 * hashtag("2024");           // undefined
 */
export function hashtag(topic: string): string | undefined {
  const words = cleanText(topic).split(/[^\p{L}\p{N}\p{M}]+/u);
  const tag = words.map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1)).join("");
  return /\p{L}/u.test(tag) && tag.length < MAX_TAG_LENGTH ? `#${tag}` : undefined;
}

/**
 * The cleaned parts of a post, hashtags deduplicated in topic order (the first topic is the
 * article's main one and is the last to be dropped when space runs out).
 *
 * @example
 * postParts({ editionId: "ed_1", url: "https://news.example.org/a", title: " Storm\nhits ", topics: ["world"] });
 * // { title: "Storm hits", summary: "", hashtags: ["#World"] }
 */
export function postParts(source: PostSource): PostParts {
  const tags = (source.topics ?? []).map(hashtag).filter((t): t is string => t !== undefined);
  return {
    title: cleanText(source.title),
    summary: cleanText(source.summary ?? ""),
    hashtags: [...new Set(tags)],
  };
}
