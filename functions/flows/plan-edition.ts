import { ownsMember, partitionName, partitionsFor } from "../domain/audience.js";
import type { Cadence } from "../domain/subscriber.js";
import { mapConcurrent } from "./concurrency.js";
import { type PartitionWalk, planPartition } from "./plan-audience.js";
import type { EditionRecord, Ports } from "./ports.js";

/** Partitions planned at once: enough to keep DynamoDB busy, few enough to leave CPU to the senders. */
export const PARALLEL_PARTITIONS = 4;

/**
 * Walks the edition's audience (its topics' partitions, every shard), one partition at a time per
 * worker, and queues its chunks (`planPartition`). A subscriber who follows several of the
 * edition's topics is planned once, in the partition of the first of them.
 */
export async function planEdition(ports: Ports, edition: EditionRecord): Promise<void> {
  if (!edition.article.channels.email) {
    await ports.editions.finishPlan(edition.id);
    await ports.editions.completeIfFinished(edition.id);
    return;
  }
  // Breaking news also reaches daily subscribers at once (the briefing leaves it out later).
  const cadences: Cadence[] = edition.article.breaking ? ["instant", "daily"] : ["instant"];
  const walks = partitionsFor(edition.article.topics, cadences, ports.config.audienceShards).map(
    (partition): PartitionWalk => ({
      name: partitionName(partition),
      page: (after, limit) => ports.audience.page(partition, after, limit),
      variantOf: (member) =>
        ownsMember(edition.article.topics, partition.topicIndex, member.topics) ? "" : undefined,
    }),
  );
  await mapConcurrent(walks, PARALLEL_PARTITIONS, (walk) => planPartition(ports, edition, walk));
  await ports.editions.finishPlan(edition.id);
  await ports.editions.completeIfFinished(edition.id);
}
