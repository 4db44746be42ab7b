import { htmlToText } from "../cms/html-text.js";
import type { RawFeed, RawItem } from "./raw-item.js";
import { attr, child, children, firstText, resolveUrl, text } from "./xml.js";

/**
 * An image from Media RSS or an image enclosure: a thumbnail is one by definition, `media:content` and
 * `enclosure` only when their medium, type or file name says so (they also carry audio and video).
 */
export function itemImage(item: unknown, base: string | undefined): string | undefined {
  const isImage = (node: unknown) =>
    attr(node, "medium") === "image" ||
    /^image\//.test(attr(node, "type") ?? "") ||
    /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(attr(node, "url") ?? "");
  const group = child(item, "media:group");
  const images = [
    ...[...children(item, "media:content"), ...children(group, "media:content")].filter(isImage),
    ...children(item, "media:thumbnail"),
    ...children(group, "media:thumbnail"),
    ...children(item, "enclosure").filter(isImage),
  ];
  for (const node of images) {
    const url = resolveUrl(attr(node, "url"), base);
    if (url) return url;
  }
  return undefined;
}

/** `"jane@news.example (Jane Doe)"`, the RSS 2.0 form, gives "Jane Doe"; a plain name stays. */
function authorName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const named = /^\S+@\S+\s*\(([^)]+)\)$/.exec(value);
  if (named) return named[1]?.trim();
  return /^\S+@\S+$/.test(value) ? undefined : htmlToText(value) || undefined;
}

function rssItem(item: unknown, base: string | undefined): RawItem {
  const guidNode = children(item, "guid")[0];
  const guid = text(guidNode) ?? attr(item, "rdf:about");
  const link = resolveUrl(firstText(item, "link"), base);
  // RSS 2.0: a guid is a permalink unless it says otherwise.
  const permalink = attr(guidNode, "isPermaLink") !== "false" ? resolveUrl(guid, base) : undefined;
  const description = firstText(item, "description");
  return {
    guid,
    link: link ?? permalink,
    title: htmlToText(firstText(item, "title") ?? "") || undefined,
    summary: description ? htmlToText(description) || undefined : undefined,
    bodyHtml: firstText(item, "content:encoded"),
    categories: [...children(item, "category"), ...children(item, "dc:subject")]
      .map((c) => htmlToText(text(c) ?? ""))
      .filter(Boolean),
    published: firstText(item, "pubDate", "dc:date"),
    updated: firstText(item, "atom:updated", "dcterms:modified"),
    author: authorName(firstText(item, "dc:creator", "author")),
    imageUrl: itemImage(item, base),
  };
}

/**
 * The items of an RSS 2.0 (or 0.9x) document, or of RSS 1.0 (`rdf:RDF`), whose items sit beside the
 * channel. Relative links resolve against the channel's `link`, itself resolved against the feed URL.
 *
 * @example
 * readRss(doc, "https://news.example/feed.xml").items[0]?.link; // "https://news.example/2025/a"
 */
export function readRss(doc: Record<string, unknown>, feedUrl: string): RawFeed {
  const root = child(doc, "rss") ?? child(doc, "rdf:RDF");
  const channel = child(root, "channel");
  const base = resolveUrl(attr(channel, "xml:base") ?? firstText(channel, "link"), feedUrl) ?? feedUrl;
  const items = [...children(channel, "item"), ...children(root, "item")];
  return {
    format: "rss",
    title: htmlToText(firstText(channel, "title") ?? "") || undefined,
    items: items.map((item) => rssItem(item, resolveUrl(attr(item, "xml:base"), base) ?? base)),
  };
}
