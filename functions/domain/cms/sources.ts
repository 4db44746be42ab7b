import * as z from "zod";

/**
 * Where articles come from besides the article webhook: polled RSS/Atom feeds, and the mapping from
 * a CMS's categories or tags to Herald's topics that feeds, Ghost and WordPress share.
 */

/** `{"Politik": "politics"}`: a CMS label (matched case-insensitively) → a configured topic. */
export const TopicMap = z.record(z.string().min(1), z.string());
export type TopicMap = z.infer<typeof TopicMap>;

export const FeedSource = z.object({
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
  /** Extends (and overrides) the newsroom-wide `topicMap` for this feed's categories. */
  topicMap: TopicMap.default({}),
  /** For items none of whose categories map; the newsroom-wide default otherwise. */
  defaultTopic: z.string().optional(),
});
export type FeedSource = z.infer<typeof FeedSource>;

export const Sources = z.object({
  feeds: z.array(FeedSource).default([]),
  /** Minutes between polls of the local timer (AWS: the schedule); 0 turns the local timer off. */
  pollMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(5),
  topicMap: TopicMap.default({}),
  /** Topic of an article none of whose labels map; the first configured topic when unset. */
  defaultTopic: z.string().optional(),
});
export type Sources = z.infer<typeof Sources>;

export const DEFAULT_SOURCES: Sources = { feeds: [], pollMinutes: 5, topicMap: {} };

/**
 * What is wrong with `sources` given the configured topics: every mapped or default topic must be
 * one of them, and a feed is configured once. Config parsing fails on these, so a typo in a topic map
 * stops Herald at start rather than filing every article under the default.
 *
 * @example
 * sourceIssues({ ...DEFAULT_SOURCES, topicMap: { Sport: "sports" } }, ["world"]);
 * // [{ path: ["topicMap", "Sport"], message: "unknown topic sports (known: world)" }]
 */
export function sourceIssues(sources: Sources, topics: readonly string[]) {
  const issues: Array<{ path: PropertyKey[]; message: string }> = [];
  const check = (topic: string | undefined, path: PropertyKey[]) => {
    if (topic !== undefined && !topics.includes(topic)) {
      issues.push({ path, message: `unknown topic ${topic} (known: ${topics.join(", ")})` });
    }
  };
  const checkMap = (map: TopicMap, path: PropertyKey[]) => {
    for (const [label, topic] of Object.entries(map)) check(topic, [...path, label]);
  };
  checkMap(sources.topicMap, ["topicMap"]);
  check(sources.defaultTopic, ["defaultTopic"]);
  const urls = new Set<string>();
  sources.feeds.forEach((feed, i) => {
    checkMap(feed.topicMap, ["feeds", i, "topicMap"]);
    check(feed.defaultTopic, ["feeds", i, "defaultTopic"]);
    if (urls.has(feed.url)) issues.push({ path: ["feeds", i, "url"], message: "feed configured twice" });
    urls.add(feed.url);
  });
  return issues;
}
