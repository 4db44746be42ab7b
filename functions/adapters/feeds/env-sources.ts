import { Sources, sourceIssues } from "../../domain/cms/sources.js";

type Env = Record<string, string | undefined>;

function json(env: Env, name: string): unknown {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
}

/**
 * Feed and topic-mapping settings from the environment, checked against the configured topics so
 * that a typo stops Herald at start instead of filing every article under the default topic.
 * `HERALD_FEEDS` is a JSON array of `{url, topicMap?, defaultTopic?}` (or plain URL strings).
 *
 * @example
 * sourcesFromEnv({
 *   HERALD_FEEDS: '[{"url":"https://news.example/feed","topicMap":{"Politik":"politics"}}]',
 *   HERALD_TOPIC_MAP: '{"Wirtschaft":"business"}',
 *   HERALD_DEFAULT_TOPIC: "world",
 * }, ["world", "politics", "business"]);
 */
export function sourcesFromEnv(env: Env, topics: readonly string[]): Sources {
  const feeds = json(env, "HERALD_FEEDS");
  const parsed = Sources.safeParse({
    feeds: Array.isArray(feeds) ? feeds.map((f) => (typeof f === "string" ? { url: f } : f)) : feeds,
    pollMinutes: env.HERALD_FEED_POLL_MINUTES ? Number(env.HERALD_FEED_POLL_MINUTES) : undefined,
    topicMap: json(env, "HERALD_TOPIC_MAP"),
    defaultTopic: env.HERALD_DEFAULT_TOPIC?.trim() || undefined,
  });
  const issues = parsed.success ? sourceIssues(parsed.data, topics) : parsed.error.issues;
  if (!parsed.success || issues.length > 0) {
    const lines = issues.map((i) => `${i.path.map(String).join(".") || "(value)"}: ${i.message}`);
    throw new Error(
      `feed settings (HERALD_FEEDS, HERALD_TOPIC_MAP, HERALD_DEFAULT_TOPIC, HERALD_FEED_POLL_MINUTES) are not valid: ${lines.join("; ")}`,
    );
  }
  return parsed.data;
}
