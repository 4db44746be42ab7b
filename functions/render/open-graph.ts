import { CARD_HEIGHT, CARD_WIDTH } from "../../templates/card/layout.js";
import { escapeHtml } from "../domain/text.js";

export interface OpenGraph {
  title: string;
  description: string;
  /** Absolute: crawlers do not resolve a relative og:image. */
  imageUrl: string;
  /** The article's own URL, so a share of the web version counts for the article. */
  url: string;
  siteName: string;
}

/**
 * The link-preview tags of the web version: Open Graph (Facebook, LinkedIn, Mastodon, Telegram,
 * Bluesky's card service) and X's large-image card, which falls back to og:* for the rest. The
 * image's size is given so a first share shows the card before the crawler has fetched it.
 *
 * @example
 * openGraphTags({ title: "Storm", description: "…", imageUrl: "https://h.example/v1/editions/ed_x/card.png",
 *   url: "https://news.example/storm", siteName: "The Daily Herald" });
 * // '<meta property="og:type" content="article" />\n<meta property="og:title" content="Storm" />…'
 */
export function openGraphTags(og: OpenGraph): string {
  const tags: Array<[attribute: "property" | "name", key: string, value: string]> = [
    ["property", "og:type", "article"],
    ["property", "og:site_name", og.siteName],
    ["property", "og:title", og.title],
    ["property", "og:description", og.description],
    ["property", "og:url", og.url],
    ["property", "og:image", og.imageUrl],
    ["property", "og:image:type", "image/png"],
    ["property", "og:image:width", String(CARD_WIDTH)],
    ["property", "og:image:height", String(CARD_HEIGHT)],
    ["name", "twitter:card", "summary_large_image"],
  ];
  return tags
    .map(([attr, key, value]) => `<meta ${attr}="${key}" content="${escapeHtml(value)}" />`)
    .join("\n");
}
