import type { BriefingItem } from "../domain/briefing/content.js";
import { shownImageUrl } from "../domain/image-url.js";
import { escapeHtml, neutralizePlaceholders, singleLine } from "../domain/text.js";
import { truncateText } from "./excerpt.js";
import { shareLinks, shareLinksHtml } from "./share-links.js";
import { inertUrl } from "./urls.js";

/** A briefing summary is a teaser: about two lines. */
export const SUMMARY_CHARS = 220;
/** The networks a briefing story offers inline; the rest are on the story's own web version. */
const INLINE_NETWORKS = new Set(["x", "bluesky", "facebook", "whatsapp"]);

export const inert = (text: string) => neutralizePlaceholders(singleLine(text));

/**
 * The template values of one briefing story (partials/briefing-item.mjml), escaped.
 *
 * @example
 * briefingItemValues(item, "https://herald.example", "#0b5cab").shareLinks;
 * // 'Share: <a href="https://herald.example/v1/share/ed_x/x" …>X</a> &middot; … More'
 */
export function briefingItemValues(i: BriefingItem, publicUrl: string, linkColor: string) {
  const shown = i.imageUrl && shownImageUrl(i.imageUrl);
  const image = shown ? escapeHtml(inertUrl(shown)) : "";
  const summary = i.summary ? truncateText(inert(i.summary), SUMMARY_CHARS) : "";
  const links = shareLinks(publicUrl, i.editionId).filter((l) => INLINE_NETWORKS.has(l.network));
  const more = {
    label: "More",
    url: inertUrl(`${publicUrl}/v1/editions/${encodeURIComponent(i.editionId)}/web`),
  };
  return {
    imageUrl: image,
    url: escapeHtml(inertUrl(i.url)),
    title: escapeHtml(inert(i.title)),
    summary: escapeHtml(summary),
    textWidth: image ? "68%" : "100%",
    textPadding: image ? "0 16px 0 24px" : "0 24px",
    shareLinks: `Share: ${shareLinksHtml([...links, { ...more, network: "email" }], linkColor)}`,
  };
}
