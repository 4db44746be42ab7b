import {
  type AudiencePartition,
  CHUNK_SIZE,
  ownsMember,
  partitionName,
  partitionsFor,
} from "../domain/audience.js";
import type { Cadence } from "../domain/subscriber.js";
import { mapConcurrent } from "./concurrency.js";
import type { EditionRecord, PlanCheckpoint, Ports, SendJob } from "./ports.js";

/** Partitions planned at once: enough to keep DynamoDB busy, few enough to leave CPU to the senders. */
const PARALLEL_PARTITIONS = 4;
/** Chunks queued per SendMessageBatch call and per checkpoint. */
const CHUNKS_PER_CHECKPOINT = 10;
const PAGE_SIZE = 1000;

/**
 * Walks the edition's audience, one partition at a time per worker, cutting chunks of ≤ 50 and
 * queueing them. Each partition checkpoints after every batch of queued chunks, so a planner that
 * dies resumes from its last checkpoint; chunks it had written since are found and reused as they
 * are, so no recipient lands in two chunks.
 */
export async function planEdition(ports: Ports, edition: EditionRecord): Promise<void> {
  if (!edition.article.channels.email) {
    await ports.editions.finishPlan(edition.id);
    await ports.editions.completeIfFinished(edition.id);
    return;
  }
  // Breaking news also reaches daily subscribers at once (the briefing leaves it out later).
  const cadences: Cadence[] = edition.article.breaking ? ["instant", "daily"] : ["instant"];
  const partitions = partitionsFor(edition.article.topics, cadences, ports.config.audienceShards);
  await mapConcurrent(partitions, PARALLEL_PARTITIONS, (p) => planPartition(ports, edition, p));
  await ports.editions.finishPlan(edition.id);
  await ports.editions.completeIfFinished(edition.id);
}

async function planPartition(ports: Ports, edition: EditionRecord, partition: AudiencePartition) {
  const name = partitionName(partition);
  let checkpoint: PlanCheckpoint | undefined = edition.plan[name];
  if (checkpoint?.done) return;
  let next = checkpoint?.next ?? 0;
  let after = checkpoint?.after;
  let recipients: string[] = [];
  let queued: SendJob[] = [];
  let queuedRecipients = 0;

  const flush = async (done: boolean) => {
    if (queued.length) await ports.sendQueue.send(queued);
    const moved: PlanCheckpoint = { next, after, done };
    const ok = await ports.editions.checkpoint(edition.id, name, checkpoint, moved, {
      recipients: queuedRecipients,
      chunks: queued.length,
    });
    if (!ok) throw new Error(`plan checkpoint ${name} was moved by another planner; retrying the job`);
    checkpoint = moved;
    queued = [];
    queuedRecipients = 0;
  };

  /** Writes chunk `next` (or adopts it as an earlier attempt stored it); returns where it ends. */
  const cut = async (endsAt: string) => {
    const key = `${name}#${String(next).padStart(6, "0")}`;
    const chunk = await ports.chunks.createOrGet(edition.id, key, recipients, endsAt);
    queued.push({ editionId: edition.id, chunk: key });
    queuedRecipients += chunk.recipients.length;
    next += 1;
    after = chunk.lastKey;
    recipients = [];
    if (queued.length >= CHUNKS_PER_CHECKPOINT) await flush(false);
    return chunk.lastKey;
  };

  let cursor = after;
  walk: for (;;) {
    const page = await ports.audience.page(partition, cursor, PAGE_SIZE);
    let consumed = cursor;
    for (const member of page.members) {
      consumed = member.id;
      if (ownsMember(edition.article.topics, partition.topicIndex, member.topics)) recipients.push(member.id);
      if (recipients.length === CHUNK_SIZE) {
        const endedAt = await cut(consumed);
        // An adopted chunk may end elsewhere than this page: carry on right after it.
        if (endedAt !== consumed) {
          cursor = endedAt;
          continue walk;
        }
      }
    }
    if (!page.more) {
      if (recipients.length > 0 && consumed !== undefined) {
        const endedAt = await cut(consumed);
        if (endedAt !== consumed) {
          cursor = endedAt;
          continue;
        }
      }
      break;
    }
    cursor = consumed;
  }
  await flush(true);
}
