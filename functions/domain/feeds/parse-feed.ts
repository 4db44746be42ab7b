import type { Article } from "../article.js";
import { readAtom } from "./atom.js";
import { type CandidateContext, toCandidate } from "./candidate.js";
import type { FeedFormat, RawFeed, RawItem } from "./raw-item.js";
import { readFeedDocument } from "./recover.js";
import { readRss } from "./rss.js";
import { child } from "./xml.js";

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
  | {
      ok: true;
      format: FeedFormat;
      title?: string;
      items: FeedItem[];
      skipped: SkippedItem[];
      /** How a document that is not well-formed was read anyway (empty when it is). */
      repairs: string[];
    }
  | { ok: false; error: string };

type Reader = (doc: Record<string, unknown>, feedUrl: string) => RawFeed;

function readerFor(doc: Record<string, unknown>): Reader | undefined {
  if (child(doc, "feed") !== undefined) return readAtom;
  if (child(doc, "rss") !== undefined || child(doc, "rdf:RDF") !== undefined) return readRss;
  return undefined;
}

// Items and entries by any prefix, outside CDATA and comments: what the document holds, read or not.
const ITEM_ELEMENT = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(?:[\w.-]+:)?(item|entry)[\s>/]/g;
const countItemElements = (xml: string) => [...xml.matchAll(ITEM_ELEMENT)].filter((m) => m[1]).length;

/**
 * An RSS 2.0, RSS 1.0 or Atom 1.0 document as candidate articles, in document order. A guid that
 * occurs twice counts once (the first occurrence: feeds list newest first). Items that cannot be
 * articles are listed in `skipped` with the reason; a document that is not a feed is an error, and
 * so is one that holds items of which none could be read (rather than a quiet "no items").
 * A document that is not well-formed is read the way feed readers read it (see `recover.ts`).
 *
 * @example
 * const feed = parseFeed(xml, { feedUrl, topics: config.topics, rules, now: new Date() });
 * if (feed.ok) for (const { guid, article } of feed.items) console.log(guid, article.title);
 */
export function parseFeed(xml: string, ctx: CandidateContext & { feedUrl: string }): ParsedFeed {
  const document = readFeedDocument(xml);
  if (!document.ok) return document;
  const read = readerFor(document.doc);
  if (!read) {
    const root = Object.keys(document.doc).find((k) => !k.startsWith("?")) ?? "nothing";
    return { ok: false, error: `not an RSS or Atom feed (the document is <${root}>)` };
  }
  const raw = read(document.doc, ctx.feedUrl);
  const skipped: SkippedItem[] = [];
  let rawItems: RawItem[] = raw.items;
  if (document.pieces) {
    rawItems = [];
    for (const piece of document.pieces) {
      if (piece.ok) rawItems.push(...read(piece.doc, ctx.feedUrl).items);
      else
        skipped.push({
          reason: `not well-formed XML${piece.guidHint ? ` (${piece.guidHint})` : ""}: ${piece.error}`,
        });
    }
  }
  const found = countItemElements(xml);
  if (rawItems.length === 0 && skipped.length === 0 && found > 0) {
    return {
      ok: false,
      error: `the document holds ${found} item or entry elements, and none could be read as one (an unknown namespace or nesting?)`,
    };
  }
  const items: FeedItem[] = [];
  const guids = new Set<string>();
  for (const item of rawItems) {
    const candidate = toCandidate(item, ctx);
    if (candidate.guid !== undefined) {
      if (guids.has(candidate.guid)) continue;
      guids.add(candidate.guid);
    }
    if (candidate.ok)
      items.push({ guid: candidate.guid, article: candidate.article, notes: candidate.notes });
    else skipped.push({ guid: candidate.guid, reason: candidate.reason });
  }
  return { ok: true, format: raw.format, title: raw.title, items, skipped, repairs: document.repairs };
}
