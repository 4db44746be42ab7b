import type { Article } from "../article.js";
import { readAtom } from "./atom.js";
import { type CandidateContext, toCandidate } from "./candidate.js";
import type { FeedFormat } from "./raw-item.js";
import { readRss } from "./rss.js";
import { child, parseXml } from "./xml.js";

export interface FeedItem {
  guid: string;
  article: Article;
  /** What had to be left out to make it an article (an oversized body, say). */
  notes: string[];
}

export interface SkippedItem {
  guid?: string;
  reason: string;
}

export type ParsedFeed =
  | { ok: true; format: FeedFormat; title?: string; items: FeedItem[]; skipped: SkippedItem[] }
  | { ok: false; error: string };

/**
 * An RSS 2.0, RSS 1.0 or Atom 1.0 document as candidate articles, in document order. A guid that
 * occurs twice counts once (the first occurrence: feeds list newest first). Items that cannot be
 * articles are listed in `skipped` with the reason; a document that is not a feed is an error.
 *
 * @example
 * const feed = parseFeed(xml, { feedUrl, topics: config.topics, rules, now: new Date() });
 * if (feed.ok) for (const { guid, article } of feed.items) console.log(guid, article.title);
 */
export function parseFeed(xml: string, ctx: CandidateContext & { feedUrl: string }): ParsedFeed {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  const { doc } = parsed;
  const raw =
    child(doc, "feed") !== undefined
      ? readAtom(doc, ctx.feedUrl)
      : child(doc, "rss") !== undefined || child(doc, "rdf:RDF") !== undefined
        ? readRss(doc, ctx.feedUrl)
        : undefined;
  if (!raw) {
    const root = Object.keys(doc).find((k) => !k.startsWith("?")) ?? "nothing";
    return { ok: false, error: `not an RSS or Atom feed (the document is <${root}>)` };
  }
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  const guids = new Set<string>();
  for (const item of raw.items) {
    const candidate = toCandidate(item, ctx);
    if (candidate.guid !== undefined) {
      if (guids.has(candidate.guid)) continue;
      guids.add(candidate.guid);
    }
    if (candidate.ok)
      items.push({ guid: candidate.guid, article: candidate.article, notes: candidate.notes });
    else skipped.push({ guid: candidate.guid, reason: candidate.reason });
  }
  return { ok: true, format: raw.format, title: raw.title, items, skipped };
}
