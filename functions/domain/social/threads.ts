import * as z from "zod";
import { fitParts } from "./fit.js";
import { graphemes, utf8Length } from "./graphemes.js";
import { textBlocks } from "./layout.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

export const THREADS_MAX_LENGTH = 500;
/** A link longer than this stays out of the text; `linkAttachment` carries it either way. */
const MAX_LINK_IN_TEXT = 150;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * A text container for `POST /{user-id}/threads` (`media_type=TEXT`, `text`, `link_attachment`).
 * Threads allows one hashtag (topic) per post, so only the article's main topic is tagged.
 */
export const ThreadsPost = z.object({
  network: z.literal("threads"),
  text: z.string().min(1).max(THREADS_MAX_LENGTH),
  linkAttachment: z.url(),
});
export type ThreadsPost = z.infer<typeof ThreadsPost>;

/**
 * Threads documents 500 characters with "emojis counted as the number of UTF-8 bytes". Other
 * graphemes count as their UTF-16 units, which is never less than characters however Threads
 * counts them.
 */
export function threadsLength(text: string): number {
  // Text without emoji (most of it) needs no segmenting: every grapheme counts its UTF-16 units.
  if (!EMOJI.test(text)) return text.length;
  let length = 0;
  for (const g of graphemes(text)) length += EMOJI.test(g) ? utf8Length(g) : g.length;
  return length;
}

/**
 * @example
 * composeThreads({ editionId: "ed_1", url: "https://news.example.org/a", title: "Storm", topics: ["world", "politics"] });
 * // { network: "threads", text: "Storm\n\nhttps://…?utm_source=threads…\n\n#World", linkAttachment: "https://…" }
 */
export function composeThreads(source: PostSource): ThreadsPost {
  const url = socialUrl(source.url, "threads", source.editionId);
  const link = url.length <= MAX_LINK_IN_TEXT ? url : "";
  const full = postParts(source);
  const oneTag = { ...full, hashtags: full.hashtags.slice(0, 1) };
  const parts = fitParts(oneTag, {
    fits: (p) => threadsLength(textBlocks(p, link)) <= THREADS_MAX_LENGTH,
    maxGraphemes: THREADS_MAX_LENGTH,
  });
  // A TEXT container needs text; only a blank title with an overlong link leaves none.
  const text = textBlocks(parts, link) || new URL(url).host;
  return ThreadsPost.parse({ network: "threads", text, linkAttachment: url });
}
