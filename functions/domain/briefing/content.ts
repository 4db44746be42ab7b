import * as z from "zod";
import type { Article } from "../article.js";
import type { EditionStatus } from "../edition.js";
import { NOT_BRIEFED } from "../editorial.js";

/** What a briefing shows of one edition; kept on the briefing so a resumed run shows the same. */
export const BriefingItem = z.object({
  editionId: z.string(),
  articleId: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  url: z.string(),
  imageUrl: z.string().optional(),
  topics: z.array(z.string()),
  publishedAt: z.string(),
});
export type BriefingItem = z.infer<typeof BriefingItem>;

export interface BriefingCandidate {
  id: string;
  article: Article;
  status: EditionStatus;
}

/**
 * The editions a briefing carries, newest first: email editions only, not failed, held, scheduled or
 * cancelled ones (an editor has not let them out, or stopped them), and not breaking news (daily subscribers received it at once). An article edited into a new version
 * within the window appears once, as its latest version.
 */
export function briefingItems(candidates: readonly BriefingCandidate[]): BriefingItem[] {
  const latest = new Map<string, BriefingCandidate>();
  for (const c of candidates) {
    if (!c.article.channels.email || c.article.breaking || NOT_BRIEFED.includes(c.status)) continue;
    const seen = latest.get(c.article.id);
    if (!seen || seen.article.version < c.article.version) latest.set(c.article.id, c);
  }
  return [...latest.values()]
    .map(({ id, article: a }) => ({
      editionId: id,
      articleId: a.id,
      title: a.title,
      summary: a.summary,
      url: a.url,
      imageUrl: a.imageUrl,
      topics: a.topics,
      publishedAt: a.publishedAt,
    }))
    .sort((x, y) => Date.parse(y.publishedAt) - Date.parse(x.publishedAt));
}

/**
 * A subscriber's topic combination as a stable name: the briefing is rendered once per combination
 * and daily subscribers are stored grouped by it. Topic slugs cannot hold "+".
 *
 * @example
 * comboOf(["world", "business", "world"]); // "business+world"
 */
export function comboOf(topics: readonly string[]): string {
  return [...new Set(topics)].sort().join("+");
}

export function comboTopics(combo: string): string[] {
  return combo.split("+");
}

export interface BriefingSection {
  topic: string;
  items: BriefingItem[];
}

/**
 * What one combination's briefing shows: sections in the newsroom's topic order, each edition once,
 * under the first of its topics the reader follows, newest first within a section. Empty when the
 * reader's topics have nothing new: then they get no briefing at all.
 */
export function sectionsFor(
  combo: string,
  items: readonly BriefingItem[],
  topicOrder: readonly string[],
): BriefingSection[] {
  const followed = new Set(comboTopics(combo));
  const order = [...topicOrder, ...[...followed].filter((t) => !topicOrder.includes(t))];
  const sections = new Map<string, BriefingItem[]>();
  for (const item of items) {
    const topic = order.find((t) => followed.has(t) && item.topics.includes(t));
    if (topic) sections.set(topic, [...(sections.get(topic) ?? []), item]);
  }
  return order.filter((t) => sections.has(t)).map((topic) => ({ topic, items: sections.get(topic) ?? [] }));
}
