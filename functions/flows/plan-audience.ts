import type { AudienceMember, AudiencePage, PlanCheckpoint, Ports, SendJob } from "./ports.js";

/** Chunks per checkpoint, and per SendMessageBatch call once a partition's walk is under way. */
const CHUNKS_PER_CHECKPOINT = 10;
const PAGE_SIZE = 1000;

/** One partition of a fan-out's audience, as the planner walks it. */
export interface PartitionWalk {
  /** Stable across attempts: it names the checkpoint and prefixes the chunk keys. */
  name: string;
  page(after: string | undefined, limit: number): Promise<AudiencePage>;
  /**
   * The render this member gets (`""` when the fan-out has one), or `undefined` when this partition
   * does not send to them. A chunk holds one variant, since its SES calls share one template.
   */
  variantOf(member: AudienceMember): string | undefined;
  /** Runs before a chunk of `variant` is queued (a briefing renders its combination here). */
  prepare?(variant: string): Promise<void>;
}

/**
 * Walks one partition in key order, cutting chunks of ≤ `config.chunkSize` recipients (100) of one
 * variant and queueing them. It checkpoints after every ten chunks, so a planner that dies resumes from its last
 * checkpoint; chunks it had written since are found and reused as they are, so no recipient lands
 * in two chunks. Chunks are queued before the checkpoint that counts them (a chunk queued twice by a
 * resumed planner is sent once: its outcomes are in the table). The first ones are queued as soon
 * as they are written, 1, 2, 4 and 8 at a time: the senders start after one chunk's write, not ten,
 * while the rest of the audience is planned.
 */
export async function planPartition(
  ports: Pick<Ports, "chunks" | "config" | "editions" | "sendQueue">,
  target: { id: string; plan: Record<string, PlanCheckpoint> },
  walk: PartitionWalk,
): Promise<void> {
  const { name } = walk;
  let checkpoint: PlanCheckpoint | undefined = target.plan[name];
  if (checkpoint?.done) return;
  let next = checkpoint?.next ?? 0;
  let after = checkpoint?.after;
  let recipients: string[] = [];
  let variant = "";
  /** Written since the last checkpoint, and of those, not queued yet. */
  let cutChunks = 0;
  let cutRecipients = 0;
  let unqueued: SendJob[] = [];
  let queueBatch = 1;

  const queue = async () => {
    if (unqueued.length) await ports.sendQueue.send(unqueued);
    unqueued = [];
    queueBatch = Math.min(CHUNKS_PER_CHECKPOINT, queueBatch * 2);
  };

  const flush = async (done: boolean) => {
    await queue();
    queueBatch = CHUNKS_PER_CHECKPOINT;
    const moved: PlanCheckpoint = { next, after, done };
    const ok = await ports.editions.checkpoint(target.id, name, checkpoint, moved, {
      recipients: cutRecipients,
      chunks: cutChunks,
    });
    if (!ok) throw new Error(`plan checkpoint ${name} was moved by another planner; retrying the job`);
    checkpoint = moved;
    cutChunks = 0;
    cutRecipients = 0;
  };

  /** Writes chunk `next` (or adopts it as an earlier attempt stored it); returns where it ends. */
  const cut = async (endsAt: string) => {
    const key = `${name}#${String(next).padStart(6, "0")}`;
    const chunk = await ports.chunks.createOrGet(target.id, key, recipients, endsAt, variant || undefined);
    await walk.prepare?.(chunk.variant ?? "");
    // The chunk rides along as stored (adopted or new), so its first send need not read it.
    const fresh = { recipients: chunk.recipients, ...(chunk.variant ? { variant: chunk.variant } : {}) };
    unqueued.push({ editionId: target.id, chunk: key, fresh });
    cutChunks += 1;
    cutRecipients += chunk.recipients.length;
    next += 1;
    after = chunk.lastKey;
    recipients = [];
    if (cutChunks >= CHUNKS_PER_CHECKPOINT) await flush(false);
    else if (unqueued.length >= queueBatch) await queue();
    return chunk.lastKey;
  };

  let cursor = after;
  pages: for (;;) {
    const page = await walk.page(cursor, PAGE_SIZE);
    let consumed = cursor;
    for (const member of page.members) {
      const memberVariant = walk.variantOf(member);
      if (memberVariant !== undefined && recipients.length > 0 && memberVariant !== variant) {
        const endedAt = await cut(consumed as string);
        // An adopted chunk may end elsewhere than here: carry on right after it.
        if (endedAt !== consumed) {
          cursor = endedAt;
          continue pages;
        }
      }
      consumed = member.key;
      if (memberVariant !== undefined) {
        if (recipients.length === 0) variant = memberVariant;
        recipients.push(member.id);
      }
      if (recipients.length === ports.config.chunkSize) {
        const endedAt = await cut(consumed);
        if (endedAt !== consumed) {
          cursor = endedAt;
          continue pages;
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
