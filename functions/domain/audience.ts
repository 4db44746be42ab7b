import type { Cadence } from "./subscriber.js";

/**
 * One partition of an edition's audience: the subscribers of `topic` with `cadence` in `shard`.
 * The planner walks each partition with Query, in key order.
 */
export interface AudiencePartition {
  topicIndex: number;
  topic: string;
  cadence: Cadence;
  shard: number;
}

/** The partitions to walk for an edition, in a fixed order so a resumed plan walks the same ones. */
export function partitionsFor(
  topics: readonly string[],
  cadences: readonly Cadence[],
  shards: number,
): AudiencePartition[] {
  return topics.flatMap((topic, topicIndex) =>
    cadences.flatMap((cadence) =>
      Array.from({ length: shards }, (_, shard) => ({ topicIndex, topic, cadence, shard })),
    ),
  );
}

/** A stable name for a partition, used in chunk keys and plan checkpoints. */
export function partitionName(p: AudiencePartition): string {
  return `${String(p.topicIndex).padStart(2, "0")}${p.cadence[0]}${String(p.shard).padStart(2, "0")}`;
}

/**
 * A subscriber who follows several of the edition's topics is found in several partitions; only the
 * partition of the first edition topic they follow owns them. Deciding from the member's own topic
 * list needs no memory of who was already planned, so planning stays flat in memory.
 */
export function ownsMember(
  editionTopics: readonly string[],
  topicIndex: number,
  memberTopics: readonly string[],
): boolean {
  for (let i = 0; i < topicIndex; i++) {
    if (memberTopics.includes(editionTopics[i] as string)) return false;
  }
  return true;
}

/** SES `SendBulkEmail` takes at most 50 destinations a call. */
export const SES_BULK_MAX = 50;

/**
 * Recipients a chunk holds: two SES calls' worth. A chunk's bookkeeping (its lease, its reads, its
 * record, its queue message) costs about the same whatever its size, so a chunk of 100 pays it once
 * for two calls (docs/performance.md); the price is that an attempt that dies while its calls are
 * out can leave up to 100 recipients `unknown` instead of 50.
 */
export const CHUNK_SIZE = 2 * SES_BULK_MAX;
