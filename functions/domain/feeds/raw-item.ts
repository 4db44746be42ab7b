/**
 * An item as a feed states it, before Herald's rules: what `rss.ts` and `atom.ts` read out of the
 * document, with links already absolute and text already decoded. `candidate.ts` makes it an Article.
 */
export interface RawItem {
  /** RSS `guid`, Atom `id`. */
  guid?: string;
  /** Absolute http(s) URL of the article page. */
  link?: string;
  /** Plain text. */
  title?: string;
  /** Plain text. */
  summary?: string;
  bodyHtml?: string;
  categories: string[];
  /** Date strings as written (RFC 822 in RSS, RFC 3339 in Atom). */
  published?: string;
  updated?: string;
  author?: string;
  imageUrl?: string;
}

export type FeedFormat = "rss" | "atom";

export interface RawFeed {
  format: FeedFormat;
  title?: string;
  items: RawItem[];
}
