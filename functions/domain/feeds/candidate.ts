import { createHash } from "node:crypto";
import { type Article, articleSchema } from "../article.js";
import { clip } from "../cms/html-text.js";
import { mapTopics, type TopicRules } from "../cms/topic-map.js";
import type { RawItem } from "./raw-item.js";

/** The article schema's limits, with room to spare (they count UTF-16 units, as `clip` does). */
const LIMITS = { title: 300, summary: 2000, author: 200, bodyHtml: 200_000 };

export interface CandidateContext {
  topics: readonly string[];
  rules: TopicRules;
  /** The time of the poll: the publication time of an item that states none. */
  now: Date;
}

export type Candidate =
  | { ok: true; guid: string; article: Article; notes: string[] }
  | { ok: false; guid?: string; reason: string };

const digest = (value: string) => createHash("sha256").update(value).digest("base64url");

/**
 * The article id of a feed item: from its guid alone, so the same story in two configured feeds (a
 * front-page feed and a section feed) is one article. A guid is often a URL, which the id's alphabet
 * does not allow, hence the hash.
 *
 * @example
 * feedArticleId("https://news.example/?p=123"); // "feed-" + 22 URL-safe characters
 */
export function feedArticleId(guid: string): string {
  return `feed-${digest(guid).slice(0, 22)}`;
}

/** RFC 822 (`Sat, 15 Feb 2025 09:00:00 GMT`) or RFC 3339, as ISO 8601; undefined when unreadable. */
export function feedDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Makes a feed item an Article that passes the schema, or says why it cannot. The version is the
 * item's update time when the feed states one, else a hash of title, link and content. (The poller
 * pins the version a guid was first published with, so a later edit never makes a second edition.)
 *
 * @example
 * const c = toCandidate(raw, { topics: config.topics, rules, now: new Date() });
 * if (c.ok) await publish(ports, c.article);
 */
export function toCandidate(raw: RawItem, ctx: CandidateContext): Candidate {
  const guid = raw.guid ?? raw.link;
  if (!guid) return { ok: false, reason: "no guid, id or link" };
  if (!raw.link) return { ok: false, guid, reason: "no http(s) link to the article" };
  const title = raw.title ?? (raw.summary ? clip(raw.summary, 120) : undefined);
  if (!title) return { ok: false, guid, reason: "no title" };
  const notes: string[] = [];
  let bodyHtml = raw.bodyHtml;
  if (bodyHtml && bodyHtml.length > LIMITS.bodyHtml) {
    notes.push(`content over ${LIMITS.bodyHtml} characters left out; the email links to the article`);
    bodyHtml = undefined;
  }
  const updated = feedDate(raw.updated);
  const input = {
    id: feedArticleId(guid),
    version:
      updated ?? `h-${digest([title, raw.link, raw.bodyHtml ?? raw.summary ?? ""].join("\n")).slice(0, 16)}`,
    url: raw.link,
    title: clip(title, LIMITS.title),
    summary: raw.summary ? clip(raw.summary, LIMITS.summary) : undefined,
    bodyHtml,
    author: raw.author ? clip(raw.author, LIMITS.author) : undefined,
    imageUrl: raw.imageUrl && raw.imageUrl.length <= 2048 ? raw.imageUrl : undefined,
    topics: mapTopics(raw.categories, ctx.rules),
    publishedAt: feedDate(raw.published) ?? updated ?? ctx.now.toISOString(),
  };
  const parsed = articleSchema(ctx.topics).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, guid, reason: `${issue?.path.join(".") || "article"}: ${issue?.message}` };
  }
  return { ok: true, guid, article: parsed.data, notes };
}
