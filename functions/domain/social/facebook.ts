import * as z from "zod";
import { fitParts } from "./fit.js";
import { textBlocks } from "./layout.js";
import { socialUrl } from "./network.js";
import { type PostSource, postParts } from "./source.js";

/** Facebook's post length limit; counted in UTF-16 units, which is never less than Facebook counts. */
export const FACEBOOK_MAX_MESSAGE = 63_206;

/**
 * A link post for `POST /{page-id}/feed` (`message`, `link`). Facebook's crawler builds the
 * preview from the article's og: tags, so the link is not repeated in the message.
 */
export const FacebookPost = z.object({
  network: z.literal("facebook"),
  message: z.string().max(FACEBOOK_MAX_MESSAGE),
  link: z.url(),
});
export type FacebookPost = z.infer<typeof FacebookPost>;

/**
 * @example
 * composeFacebook({ editionId: "ed_1", url: "https://news.example.org/a", title: "Storm", topics: ["world"] });
 * // { network: "facebook", message: "Storm\n\n#World", link: "https://news.example.org/a?utm_source=facebook&…" }
 */
export function composeFacebook(source: PostSource): FacebookPost {
  const parts = fitParts(postParts(source), {
    fits: (p) => textBlocks(p, "").length <= FACEBOOK_MAX_MESSAGE,
    maxGraphemes: FACEBOOK_MAX_MESSAGE,
  });
  return FacebookPost.parse({
    network: "facebook",
    message: textBlocks(parts, ""),
    link: socialUrl(source.url, "facebook", source.editionId),
  });
}
