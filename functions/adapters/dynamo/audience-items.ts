import { comboOf } from "../../domain/briefing/content.js";
import { type Subscriber, shardOf } from "../../domain/subscriber.js";
import { keys } from "./keys.js";

/**
 * The audience items an active subscriber has: one per topic, in the shard of their id; a daily
 * subscriber also one in the briefing audience, under their topic combination.
 */
export function audienceItems(s: Subscriber, shards: number) {
  if (s.status !== "active") return [];
  const shard = shardOf(s.id, shards);
  const perTopic = s.topics.map((topic) => ({
    ...keys.audience(topic, s.cadence, shard, s.id),
    topics: s.topics,
  }));
  if (s.cadence !== "daily") return perTopic;
  return [
    ...perTopic,
    { ...keys.briefingAudience(shard, comboOf(s.topics), s.id), id: s.id, topics: s.topics },
  ];
}
