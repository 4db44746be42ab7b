import * as z from "zod";
import { fitParts, shorten } from "./fit.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

/** Posts API commentary limit. Counted in UTF-16 units of the escaped text: never less than LinkedIn counts. */
export const LINKEDIN_MAX_COMMENTARY = 3000;
/** Article card fields are plain strings (not "little" text); LinkedIn shows a line or two of each. */
const ARTICLE_TITLE_MAX = 400;
const ARTICLE_DESCRIPTION_MAX = 1000;

/**
 * Commentary is in LinkedIn's "little" text format, where these characters are markup; left bare,
 * LinkedIn cuts the published post at the first one without an error.
 */
const RESERVED = /[\\|{}@[\]()<>#*_~]/g;

/**
 * Backslash-escapes little-text markup so the text shows exactly as written.
 *
 * @example
 * escapeLittleText("Q&A (live) #1 @noon"); // "Q&A \\(live\\) \\#1 \\@noon"
 */
export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}

/**
 * A post for `POST /rest/posts`: commentary plus an article share. LinkedIn does not scrape
 * article links, so the card's source, title and description are given here; the adapter adds
 * the uploaded card image as the thumbnail.
 */
export const LinkedInPost = z.object({
  network: z.literal("linkedin"),
  commentary: z.string().max(LINKEDIN_MAX_COMMENTARY),
  article: z.object({ source: z.url(), title: z.string(), description: z.string() }),
});
export type LinkedInPost = z.infer<typeof LinkedInPost>;

/**
 * The link lives in the article card, so the commentary is title, summary and hashtags. Hashtags
 * stay unescaped: `#Tag` is little text's hashtag element.
 *
 * @example
 * composeLinkedIn({ editionId: "ed_1", url: "https://news.example.org/a", title: "Budget (draft) passes", topics: ["politics"] });
 * // { network: "linkedin", commentary: "Budget \\(draft\\) passes\n\n#Politics", article: { source: "https://…?utm_source=linkedin…", … } }
 */
export function composeLinkedIn(source: PostSource): LinkedInPost {
  const full = postParts(source);
  const render = (p: typeof full) =>
    [escapeLittleText(p.title), escapeLittleText(p.summary), p.hashtags.join(" ")]
      .filter((b) => b !== "")
      .join("\n\n");
  const parts = fitParts(full, {
    fits: (p) => render(p).length <= LINKEDIN_MAX_COMMENTARY,
    maxGraphemes: LINKEDIN_MAX_COMMENTARY,
  });
  const clip = (value: string, max: number) =>
    shorten(value, (v) => v.length <= max, { maxGraphemes: max }) ?? "";
  return LinkedInPost.parse({
    network: "linkedin",
    commentary: render(parts),
    article: {
      source: socialUrl(source.url, "linkedin", source.editionId),
      title: clip(full.title, ARTICLE_TITLE_MAX),
      description: clip(full.summary, ARTICLE_DESCRIPTION_MAX),
    },
  });
}
