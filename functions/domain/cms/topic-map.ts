import type { Config } from "../config.js";
import type { FeedSource, TopicMap } from "./sources.js";

/** How one source's labels (feed categories, Ghost tags, WordPress terms) become topics. */
export interface TopicRules {
  known: readonly string[];
  /** Normalized label → topic. */
  map: ReadonlyMap<string, string>;
  defaultTopic: string;
}

const normalize = (label: string) => label.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The rules for the CMS webhooks (no `feed`) or for one feed: the newsroom-wide map, overridden by
 * the feed's own, and the feed's default topic, the newsroom's, or the first configured topic.
 *
 * @example
 * const rules = topicRules(config, { url, topicMap: { Politik: "politics" }, defaultTopic: "world" });
 */
export function topicRules(config: Pick<Config, "topics" | "sources">, feed?: FeedSource): TopicRules {
  const merged: TopicMap = { ...config.sources.topicMap, ...feed?.topicMap };
  return {
    known: config.topics,
    map: new Map(Object.entries(merged).map(([label, topic]) => [normalize(label), topic])),
    defaultTopic: feed?.defaultTopic ?? config.sources.defaultTopic ?? (config.topics[0] as string),
  };
}

/**
 * Topics for a list of labels, in the order they first map: a label in the map gives its topic, a
 * label that names a topic ("Politics") gives that topic, anything else nothing. No topic at all
 * gives the default, so an article is never dropped for want of a category.
 *
 * @example
 * mapTopics(["Politik", "Welt", "Meinung"], rules); // ["politics", "world"]
 * mapTopics([], rules); // [rules.defaultTopic]
 */
export function mapTopics(labels: readonly string[], rules: TopicRules): string[] {
  const topics = new Set<string>();
  for (const label of labels) {
    const key = normalize(label);
    const topic = rules.map.get(key) ?? (rules.known.includes(key) ? key : undefined);
    if (topic && rules.known.includes(topic)) topics.add(topic);
  }
  return topics.size > 0 ? [...topics].slice(0, 20) : [rules.defaultTopic];
}
