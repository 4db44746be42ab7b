import { htmlToText } from "../cms/html-text.js";
import { escapeHtml } from "../text.js";
import type { RawFeed, RawItem } from "./raw-item.js";
import { itemImage } from "./rss.js";
import { attr, child, children, resolveUrl, text, xmlCharacterData } from "./xml.js";

/** An Atom text construct (RFC 4287 §3.1) as HTML and as plain text, by its `type`. */
function textConstruct(node: unknown): { html: string; text: string } | undefined {
  if (node === undefined || attr(node, "src")) return undefined;
  const raw = text(node);
  if (!raw) return undefined;
  const type = attr(node, "type") ?? "text";
  if (/xhtml/.test(type)) {
    // The markup sits in one wrapping <div> that is not part of the content. Writers that prefix
    // the XHTML namespace (`<xhtml:div>`, `<h:p>`) mean the same HTML elements.
    const html = raw
      .replace(/<(\/?)[\w.-]+:(?=[\w.-]+[\s/>])/g, "<$1")
      .replace(/^<div\b[^>]*>([\s\S]*)<\/div>$/, "$1")
      .trim();
    return { html, text: htmlToText(html) };
  }
  const data = xmlCharacterData(raw);
  if (/html/.test(type)) return { html: data, text: htmlToText(data) };
  const plain = data.replace(/\s+/g, " ").trim();
  return { html: `<p>${escapeHtml(plain)}</p>`, text: plain };
}

/** The entry's page: `rel="alternate"` (the default rel), HTML preferred. */
function alternateLink(entry: unknown, base: string | undefined): string | undefined {
  const links = children(entry, "link").filter((l) => (attr(l, "rel") ?? "alternate") === "alternate");
  const best = links.find((l) => /html/.test(attr(l, "type") ?? "text/html")) ?? links[0];
  return resolveUrl(attr(best, "href"), resolveUrl(attr(best, "xml:base"), base) ?? base);
}

function enclosedImage(entry: unknown, base: string | undefined): string | undefined {
  const link = children(entry, "link").find(
    (l) => attr(l, "rel") === "enclosure" && /^image\//.test(attr(l, "type") ?? ""),
  );
  return resolveUrl(attr(link, "href"), base);
}

function personName(node: unknown): string | undefined {
  const name = text(child(children(node, "author")[0], "name"));
  return name ? htmlToText(name) || undefined : undefined;
}

function atomEntry(entry: unknown, base: string | undefined, feedAuthor: string | undefined): RawItem {
  const title = textConstruct(child(entry, "title"));
  const summary = textConstruct(child(entry, "summary"));
  const content = textConstruct(child(entry, "content"));
  return {
    guid: text(child(entry, "id")),
    link: alternateLink(entry, base),
    title: title?.text || undefined,
    summary: summary?.text || undefined,
    bodyHtml: content?.html || undefined,
    // `term` is the machine name, `label` the human one; either may be what the topic map names.
    categories: children(entry, "category").flatMap((c) =>
      [attr(c, "term"), attr(c, "label")].filter((v): v is string => Boolean(v)),
    ),
    // Atom 0.3, still served by old blogs, calls them issued and modified.
    published: text(child(entry, "published")) ?? text(child(entry, "issued")),
    updated: text(child(entry, "updated")) ?? text(child(entry, "modified")),
    author: personName(entry) ?? feedAuthor,
    imageUrl: itemImage(entry, base) ?? enclosedImage(entry, base),
  };
}

/**
 * The entries of an Atom 1.0 feed. Relative links resolve against `xml:base` (feed, entry, link), and
 * without one against the feed's own URL, as RFC 4287 says.
 *
 * @example
 * readAtom(doc, "https://blog.example/atom.xml").items[0]?.guid; // "urn:uuid:1225c695-…"
 */
export function readAtom(doc: Record<string, unknown>, feedUrl: string): RawFeed {
  const feed = child(doc, "feed");
  const base = resolveUrl(attr(feed, "xml:base"), feedUrl) ?? feedUrl;
  const author = personName(feed);
  return {
    format: "atom",
    title: htmlToText(text(child(feed, "title")) ?? "") || undefined,
    items: children(feed, "entry").map((entry) =>
      atomEntry(entry, resolveUrl(attr(entry, "xml:base"), base) ?? base, author),
    ),
  };
}
